package org.clusterdeck.ui.change;

import java.util.List;
import javafx.scene.control.MenuItem;
import org.clusterdeck.model.Host;
import org.clusterdeck.ui.UiContext;
import org.clusterdeck.ui.common.FeatureActions;
import org.clusterdeck.ui.common.MainWindow;

/** The change history in the main window: Tools ▸ "Changes…" (all hosts) and "Changes…" on a host. */
public final class ChangesActions implements FeatureActions {
    private final UiContext ctx;

    public ChangesActions(UiContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public List<MenuItem> toolsItems(MainWindow window) {
        MenuItem item = new MenuItem("Changes…");
        item.setId("menu-changes");
        item.setOnAction(e -> ChangesView.show(window.window(), ctx, null));
        return List.of(item);
    }

    @Override
    public List<MenuItem> contextItems(Object node, MainWindow window) {
        if (!(node instanceof Host host)) {
            return List.of();
        }
        MenuItem item = new MenuItem("Changes…");
        item.setOnAction(e -> ChangesView.show(window.window(), ctx, host.name()));
        return List.of(item);
    }
}
