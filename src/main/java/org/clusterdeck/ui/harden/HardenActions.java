package org.clusterdeck.ui.harden;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.MenuItem;
import org.clusterdeck.model.Host;
import org.clusterdeck.ui.UiContext;
import org.clusterdeck.ui.common.FeatureActions;
import org.clusterdeck.ui.common.MainWindow;
import org.clusterdeck.ui.remote.DemoHostPrompt;

/**
 * Hardening in the main window: Tools ▸ "Harden hosts…", "Harden…" on a host, the shield badge on
 * every host of the diagram, and what hardening a host holds in its details pane.
 */
public final class HardenActions implements FeatureActions {
    private final UiContext ctx;

    public HardenActions(UiContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public List<MenuItem> toolsItems(MainWindow window) {
        MenuItem item = new MenuItem("Harden hosts…");
        item.setId("menu-harden");
        item.setOnAction(e -> open(window, window.selectedHost()));
        return List.of(item);
    }

    @Override
    public List<MenuItem> contextItems(Object node, MainWindow window) {
        if (!(node instanceof Host host)) {
            return List.of();
        }
        MenuItem item = new MenuItem("Harden…");
        item.setId("menu-harden-host");
        item.setOnAction(e -> open(window, host));
        return List.of(item);
    }

    @Override
    public List<Node> hostDetails(Host host, MainWindow window) {
        return List.of(new HardenDetailsPane(ctx, host, () -> open(window, host)));
    }

    @Override
    public void attach(MainWindow window) {
        new HardenBadges(ctx, () -> HardenBadges.service(ctx), window::setHostBadges).start();
    }

    /** The wizard, on {@code host} when given; a demo host leads to the local lab (its twin) instead of a dead end. */
    private void open(MainWindow window, Host host) {
        if (host == null) {
            HardenWizard.show(window.window(), ctx, null);
        } else {
            DemoHostPrompt.onRealHost(window.window(), ctx, host, "Hardening", h -> HardenWizard.show(window.window(), ctx, h));
        }
    }
}
