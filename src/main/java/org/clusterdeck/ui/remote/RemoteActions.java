package org.clusterdeck.ui.remote;

import java.util.List;
import javafx.scene.control.MenuItem;
import org.clusterdeck.model.Host;
import org.clusterdeck.ui.UiContext;
import org.clusterdeck.ui.common.FeatureActions;
import org.clusterdeck.ui.common.MainWindow;

/** The SSH and lab entry points of the main window: "Check SSH…" on a host, Tools ▸ "Local lab…". */
public final class RemoteActions implements FeatureActions {
    private final UiContext ctx;

    public RemoteActions(UiContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public List<MenuItem> toolsItems(MainWindow window) {
        MenuItem item = new MenuItem("Local lab…");
        item.setId("menu-local-lab");
        item.setOnAction(e -> LabDialog.show(window.window(), ctx));
        return List.of(item);
    }

    @Override
    public List<MenuItem> contextItems(Object node, MainWindow window) {
        if (!(node instanceof Host host)) {
            return List.of();
        }
        MenuItem item = new MenuItem("Check SSH…");
        item.setId("menu-check-ssh");
        item.setOnAction(e -> SshCheckDialog.show(window.window(), ctx, ctx.services().knownHosts(), host));
        return List.of(item);
    }
}
