package org.clusterdeck.ui.main;

import java.util.List;
import java.util.concurrent.CompletableFuture;
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
import org.clusterdeck.model.JobRecord;
import org.clusterdeck.ui.UiContext;
import org.clusterdeck.ui.jobs.FxJobs;

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
        ctx.background().run("Load inventory", () -> InventorySnapshot.load(ctx.store()))
                .always(() -> refreshQueued = false)
                .onSuccess(snap -> {
                    snapshot.set(snap);
                    status.set(summary(snap));
                })
                .onFailure(err -> status.set("Could not read the inventory: " + JobRunner.describe(err)));
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
        InventoryService service = ctx.services().inventory();
        ctx.background().run("Remove host", () -> service.removeHost(host.name()))
                .onSuccess(h -> status.set("Removed host " + host.name() + "."))
                .onFailure(err -> status.set("Could not remove " + host.name() + ": " + JobRunner.describe(err)));
    }

    /** Finished jobs of earlier sessions, newest first, read in the background. */
    public CompletableFuture<List<JobRecord>> jobHistory() {
        return ctx.background().run("Load job history", () -> ctx.store().jobs().findRecent(100)).result();
    }

    /** The stored log lines of a job, formatted, read in the background. */
    public CompletableFuture<List<String>> jobLog(long jobId) {
        return ctx.background().run("Load job log", () -> FxJobs.formatLog(ctx.store().jobs(), jobId)).result();
    }

    /** Where the database is, for the status bar and the about box. */
    public String databaseLocation() {
        return ctx.store().location();
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
