package org.clusterdeck.ui;

import java.util.concurrent.Executor;
import org.clusterdeck.inventory.InventoryEvents;
import org.clusterdeck.job.JobRunner;
import org.clusterdeck.store.Store;

/**
 * What every view and view model is given: the database, the job runner, the inventory change
 * events, and the executor that runs code on the FX thread ({@code Platform::runLater} in the
 * app, a same-thread executor in view-model tests).
 */
public record UiContext(Store store, JobRunner jobs, InventoryEvents events, Executor fx) {
}
