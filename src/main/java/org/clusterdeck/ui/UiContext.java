package org.clusterdeck.ui;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.clusterdeck.app.Services;
import org.clusterdeck.inventory.InventoryEvents;
import org.clusterdeck.job.JobRunner;
import org.clusterdeck.store.Store;
import org.clusterdeck.ui.jobs.Background;

/**
 * What every view and view model is given: the application's {@link Services} (built once by
 * the app), the executor that runs code on the FX thread ({@code Platform::runLater} in the app,
 * a same-thread executor in view-model tests), and {@link Background} for "work off the FX
 * thread, then update the model on it".
 */
public record UiContext(Services services, Executor fx, Background background) {

    /** Background work on the services' job runner, callbacks through {@code fx}. */
    public UiContext(Services services, Executor fx) {
        this(services, fx, new Background(new Background.Worker() {
            @Override
            public <T> CompletableFuture<T> submit(String what, Callable<T> work) {
                return services.jobs().background(what, work);
            }
        }, fx));
    }

    /**
     * For tests that bring an open database and job runner and use nothing beside them on disk
     * (no known hosts, lab or libvirt): services around exactly those.
     */
    public UiContext(Store store, JobRunner jobs, InventoryEvents events, Executor fx) {
        this(Services.builder(null, "gui").store(store).jobs(jobs).events(events).build(), fx);
    }

    /**
     * For view-model tests: background work and FX callbacks run at once on the calling thread,
     * so every effect is visible when the call returns (jobs still run on the job runner).
     */
    public static UiContext sameThread(Store store, JobRunner jobs, InventoryEvents events) {
        return new UiContext(Services.builder(null, "gui").store(store).jobs(jobs).events(events).build(),
                Runnable::run, Background.sameThread());
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
