package org.clusterdeck.ui;

import java.util.concurrent.Executor;
import org.clusterdeck.app.Services;
import org.clusterdeck.inventory.InventoryEvents;
import org.clusterdeck.job.JobRunner;
import org.clusterdeck.store.Store;

/**
 * What every view and view model is given: the application's {@link Services} (built once by
 * the app) and the executor that runs code on the FX thread ({@code Platform::runLater} in the
 * app, a same-thread executor in view-model tests).
 */
public record UiContext(Services services, Executor fx) {

    /**
     * For tests that bring an open database and job runner and use nothing beside them on disk
     * (no known hosts, lab or libvirt): services around exactly those.
     */
    public UiContext(Store store, JobRunner jobs, InventoryEvents events, Executor fx) {
        this(Services.builder(null, "gui").store(store).jobs(jobs).events(events).build(), fx);
    }

    public Store store() {
        return services.store();
    }

    public JobRunner jobs() {
        return services.jobs();
    }

    public InventoryEvents events() {
        return services.events();
    }
}
