package org.clusterdeck.ui.remote;

import java.util.List;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import org.clusterdeck.model.Host;
import org.clusterdeck.ui.UiContext;
import org.clusterdeck.ui.common.FeatureActions;
import org.clusterdeck.ui.common.MainWindow;

/** The SSH and lab entry points of the main window: "Check SSH…" on a host, Tools ▸ Local lab (Hosts…, Cluster). */
public final class RemoteActions implements FeatureActions {
    private final UiContext ctx;

    public RemoteActions(UiContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public List<MenuItem> toolsItems(MainWindow window) {
        MenuItem hosts = new MenuItem("Hosts…");
        hosts.setId("menu-local-lab");
        hosts.setOnAction(e -> LabDialog.show(window.window(), ctx));
        MenuItem cluster = new MenuItem("Cluster");
        cluster.setId("menu-local-lab-cluster");
        cluster.setOnAction(e -> LabDialog.showCluster(window.window(), ctx));
        Menu menu = new Menu("Local lab", null, hosts, cluster);
        menu.setId("menu-local-lab-menu");
        return List.of(menu);
    }

    @Override
    public List<MenuItem> contextItems(Object node, MainWindow window) {
        if (!(node instanceof Host host)) {
            return List.of();
        }
        MenuItem item = new MenuItem("Check SSH…");
        item.setId("menu-check-ssh");
        item.setOnAction(e -> DemoHostPrompt.onRealHost(window.window(), ctx, host, "Check SSH",
                h -> SshCheckDialog.show(window.window(), ctx, ctx.services().knownHosts(), h)));
        return List.of(item);
    }
}
