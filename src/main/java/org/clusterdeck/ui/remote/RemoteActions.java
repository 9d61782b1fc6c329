package org.clusterdeck.ui.remote;

import java.nio.file.Path;
import java.util.function.Supplier;
import javafx.scene.control.MenuItem;
import javafx.stage.Window;
import org.clusterdeck.model.Host;
import org.clusterdeck.remote.KnownHosts;
import org.clusterdeck.remote.RemoteAccess;
import org.clusterdeck.remote.RemoteSessions;
import org.clusterdeck.remote.SshOptions;
import org.clusterdeck.ui.UiContext;

/**
 * The SSH and lab entry points of the main window, built once from the data directory: menu
 * items for "Check SSH…" and "Local lab…", and the GUI's {@link RemoteAccess} whose host-key and
 * passphrase questions are dialogs.
 */
public final class RemoteActions implements AutoCloseable {
    private final UiContext ctx;
    private final Path dataDir;
    private final Supplier<Window> owner;
    private final KnownHosts knownHosts;
    private final RemoteSessions sessions;

    public RemoteActions(UiContext ctx, Path dataDir, Supplier<Window> owner) {
        this.ctx = ctx;
        this.dataDir = dataDir;
        this.owner = owner;
        this.knownHosts = KnownHosts.inDataDir(dataDir);
        FxRemotePrompts prompts = new FxRemotePrompts(ctx.fx(), owner);
        this.sessions = new RemoteSessions(knownHosts, prompts, prompts, SshOptions.DEFAULTS);
    }

    public KnownHosts knownHosts() {
        return knownHosts;
    }

    /** Shells for jobs started from the GUI: pooled, audited, questions asked in dialogs. */
    public RemoteAccess access() {
        return new RemoteAccess(ctx.store(), sessions, "gui");
    }

    /** Context-menu item of a host. */
    public MenuItem checkSshItem(Host host) {
        MenuItem item = new MenuItem("Check SSH…");
        item.setId("menu-check-ssh");
        item.setOnAction(e -> onRealHost(host, "Check SSH", h -> SshCheckDialog.show(owner.get(), ctx, knownHosts, h)));
        return item;
    }

    /**
     * Runs a feature that needs a real host: on a demo host it explains why not, offers the local
     * lab and continues on the lab twin of the same role (see {@link DemoHostPrompt}).
     */
    public void onRealHost(Host host, String feature, java.util.function.Consumer<Host> action) {
        onRealHost(host, host.name(), host.role(), feature, action);
    }

    /** The same for something on a host (a VM, a load balancer): {@code subject} names it, {@code role} picks the twin. */
    public void onRealHost(Host host, String subject, String role, String feature, java.util.function.Consumer<Host> action) {
        ctx.jobs().background("Is " + host.name() + " a demo host", () -> ctx.store().sites().findById(host.siteId())
                .map(s -> s.isDemo()).orElse(false)).whenCompleteAsync((demo, err) -> {
                    if (Boolean.TRUE.equals(demo)) {
                        offerLab(subject, role, feature, action);
                    } else {
                        action.accept(host);
                    }
                }, ctx.fx());
    }

    /** For something known to be on a demo host: explains, offers the lab, continues on the lab twin. */
    public void offerLab(String subject, String role, String feature, java.util.function.Consumer<Host> action) {
        DemoHostPrompt.show(owner.get(), ctx, dataDir, subject, role, feature, action);
    }

    /** Menu "Local lab": its hosts (dialog), and the source's cluster in one click. */
    public MenuItem localLabItem() {
        MenuItem hosts = new MenuItem("Hosts…");
        hosts.setId("menu-local-lab");
        hosts.setOnAction(e -> LabDialog.show(owner.get(), ctx, dataDir));
        MenuItem cluster = new MenuItem("Cluster");
        cluster.setId("menu-local-lab-cluster");
        cluster.setOnAction(e -> LabDialog.showCluster(owner.get(), ctx, dataDir));
        javafx.scene.control.Menu menu = new javafx.scene.control.Menu("Local lab", null, hosts, cluster);
        menu.setId("menu-local-lab-menu");
        return menu;
    }

    @Override
    public void close() {
        sessions.close();
    }
}
