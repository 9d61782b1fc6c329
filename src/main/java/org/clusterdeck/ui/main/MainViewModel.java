package org.clusterdeck.ui.main;

import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.clusterdeck.inventory.InventoryEvents;
import org.clusterdeck.inventory.InventoryService;
import org.clusterdeck.inventory.InventorySnapshot;
import org.clusterdeck.job.JobRunner;
import org.clusterdeck.model.Host;
import org.clusterdeck.ui.UiContext;

/**
 * State of the main window: the inventory snapshot, the selection and the status line. Loads
 * and changes the inventory off the FX thread and publishes results on it.
 */
public final class MainViewModel {
    private final UiContext ctx;
    private final ReadOnlyObjectWrapper<InventorySnapshot> snapshot = new ReadOnlyObjectWrapper<>();
    private final ObjectProperty<InventoryItem> selection = new SimpleObjectProperty<>();
    private final StringProperty status = new SimpleStringProperty("Opening inventory…");
    private final Consumer<InventoryEvents.Change> onChange = c -> refreshLater();
    private boolean refreshQueued;

    public MainViewModel(UiContext ctx) {
        this.ctx = ctx;
        ctx.events().addListener(onChange);
    }

    public UiContext context() {
        return ctx;
    }

    /** Reloads the inventory in the background; the snapshot property changes on the FX thread. */
    public void refresh() {
        ctx.jobs().background("Load inventory", () -> InventorySnapshot.load(ctx.store()))
                .whenCompleteAsync((snap, err) -> {
                    refreshQueued = false;
                    if (err != null) {
                        status.set("Could not read the inventory: " + JobRunner.describe(err));
                        return;
                    }
                    snapshot.set(snap);
                    status.set(summary(snap));
                }, ctx.fx());
    }

    /** Coalesces bursts of change events (a sync fires many) into one reload. */
    private void refreshLater() {
        ctx.fx().execute(() -> {
            if (!refreshQueued) {
                refreshQueued = true;
                refresh();
            }
        });
    }

    static String summary(InventorySnapshot s) {
        return count(s.sites().size(), "site") + " · " + count(s.hosts().size(), "host") + " · "
                + count(s.vms().size(), "VM") + " · " + count(s.loadBalancers().size(), "load balancer") + " · "
                + count(s.databases().size(), "database");
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    public void removeHost(Host host) {
        InventoryService service = new InventoryService(ctx.store(), "gui", ctx.events());
        ctx.jobs().background("Remove host", () -> service.removeHost(host.name()))
                .whenCompleteAsync((h, err) -> status.set(err == null ? "Removed host " + host.name() + "."
                        : "Could not remove " + host.name() + ": " + JobRunner.describe(err)), ctx.fx());
    }

    public void removeSite(org.clusterdeck.model.Site site) {
        InventoryService service = new InventoryService(ctx.store(), "gui", ctx.events());
        ctx.jobs().background("Remove site", () -> {
            service.removeSite(site.id());
            return null;
        }).whenCompleteAsync((h, err) -> {
            status.set(err == null ? "Removed site " + site.name() + "."
                    : "Could not remove " + site.name() + ": " + JobRunner.describe(err));
            refresh();
        }, ctx.fx());
    }

    public String siteName(long siteId) {
        InventorySnapshot s = snapshot.get();
        return s == null ? "" : s.site(siteId).map(org.clusterdeck.model.Site::name).orElse("");
    }

    public ReadOnlyObjectProperty<InventorySnapshot> snapshotProperty() {
        return snapshot.getReadOnlyProperty();
    }

    public ObjectProperty<InventoryItem> selectionProperty() {
        return selection;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public void dispose() {
        ctx.events().removeListener(onChange);
    }
}
