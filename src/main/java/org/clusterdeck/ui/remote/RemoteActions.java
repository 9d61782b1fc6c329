package org.clusterdeck.ui.remote;

import java.util.function.Supplier;
import javafx.scene.control.MenuItem;
import javafx.stage.Window;
import org.clusterdeck.model.Host;
import org.clusterdeck.remote.KnownHosts;
import org.clusterdeck.remote.RemoteAccess;
import org.clusterdeck.ui.UiContext;

/**
 * The SSH and lab entry points of the main window, built once from the data directory: menu
 * items for "Check SSH…" and "Local lab…", and the GUI's {@link RemoteAccess} whose host-key and
 * passphrase questions are dialogs.
 */
public final class RemoteActions {
    private final UiContext ctx;
    private final Supplier<Window> owner;

    public RemoteActions(UiContext ctx, Supplier<Window> owner) {
        this.ctx = ctx;
        this.owner = owner;
    }

    public KnownHosts knownHosts() {
        return ctx.services().knownHosts();
    }

    /** Shells for jobs started from the GUI: pooled, audited, questions asked in dialogs. */
    public RemoteAccess access() {
        return ctx.services().remoteAccess();
    }

    /** Context-menu item of a host. */
    public MenuItem checkSshItem(Host host) {
        MenuItem item = new MenuItem("Check SSH…");
        item.setId("menu-check-ssh");
        item.setOnAction(e -> SshCheckDialog.show(owner.get(), ctx, knownHosts(), host));
        return item;
    }

    /** Menu item that opens the local lab dialog. */
    public MenuItem localLabItem() {
        MenuItem item = new MenuItem("Local lab…");
        item.setId("menu-local-lab");
        item.setOnAction(e -> LabDialog.show(owner.get(), ctx));
        return item;
    }
}
