package org.clusterdeck.virt;

import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.clusterdeck.inventory.InventoryEvents;
import org.clusterdeck.job.Job;
import org.clusterdeck.job.JobRunner;
import org.clusterdeck.store.DemoInventory;
import org.clusterdeck.store.Store;
import org.clusterdeck.testing.RealParts;

/** A demo-lab database, job runner and VirtService on libvirt's test driver, for one test. */
final class VirtTestSupport implements AutoCloseable {
    private static final AtomicInteger DB = new AtomicInteger();

    final Store store;
    final JobRunner jobs;
    final InventoryEvents events = new InventoryEvents();
    final VirtService virt;

    private VirtTestSupport(Store store, Path dataDir) {
        this.store = store;
        this.jobs = new JobRunner(store.jobs(), 2);
        this.virt = VirtService.create(store, jobs, events, dataDir, "test");
        this.virt.operations().setShutdownWait(java.time.Duration.ofSeconds(10));
    }

    static void assumeLibvirt() {
        String why = LibvirtNative.problem().orElse(null);
        RealParts.requireNone(why);
    }

    /** A fresh in-memory database seeded with the demo lab. */
    static VirtTestSupport demo(Path dataDir) {
        assumeLibvirt();
        Store store = Store.inMemory("virt" + DB.incrementAndGet() + "-" + System.nanoTime());
        DemoInventory.seedIfEmpty(store);
        return new VirtTestSupport(store, dataDir);
    }

    /** A second service on the same database, as after a restart of ClusterDeck. */
    static VirtTestSupport reopen(Store store, Path dataDir) {
        return new VirtTestSupport(store, dataDir);
    }

    static <T> T await(Job<T> job) throws Exception {
        try {
            return job.result().get(120, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception ex) {
                throw ex;
            }
            throw e;
        }
    }

    @Override
    public void close() {
        virt.close();
        jobs.close();
    }

    void closeAll() {
        close();
        store.close();
    }
}
