package org.clusterdeck.ui.tuning;

import java.util.List;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import org.clusterdeck.model.Host;
import org.clusterdeck.ui.UiContext;
import org.clusterdeck.ui.common.FeatureActions;
import org.clusterdeck.ui.common.MainWindow;

/** Kernel tuning in the main window: Tools ▸ "Kernel tuning…" (Ctrl+K) and "Tune kernel…" on a host. */
public final class TuningActions implements FeatureActions {
    private final UiContext ctx;

    public TuningActions(UiContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public List<MenuItem> toolsItems(MainWindow window) {
        MenuItem item = new MenuItem("Kernel tuning…");
        item.setId("menu-kernel-tuning");
        item.setAccelerator(new KeyCodeCombination(KeyCode.K, KeyCombination.SHORTCUT_DOWN));
        item.setOnAction(e -> open(window, window.selectedHost()));
        return List.of(item);
    }

    @Override
    public List<MenuItem> contextItems(Object node, MainWindow window) {
        if (!(node instanceof Host host)) {
            return List.of();
        }
        MenuItem item = new MenuItem("Tune kernel…");
        item.setOnAction(e -> open(window, host));
        return List.of(item);
    }

    /** The wizard, on {@code host} when given; a demo host leads to its lab twin instead of a dead end. */
    private void open(MainWindow window, Host host) {
        if (host == null) {
            TuningWizard.show(window.window(), ctx, null);
        } else {
            org.clusterdeck.ui.remote.DemoHostPrompt.onRealHost(window.window(), ctx, host, "Kernel tuning",
                    h -> TuningWizard.show(window.window(), ctx, h));
        }
    }
}
