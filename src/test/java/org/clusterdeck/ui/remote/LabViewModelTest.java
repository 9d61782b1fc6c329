package org.clusterdeck.ui.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.clusterdeck.inventory.InventoryEvents;
import org.clusterdeck.job.JobRunner;
import org.clusterdeck.lab.LabExtension;
import org.clusterdeck.lab.LabInventory;
import org.clusterdeck.lab.LabPreflight;
import org.clusterdeck.remote.KnownHosts;
import org.clusterdeck.store.Store;
import org.clusterdeck.testing.RealParts;
import org.clusterdeck.ui.UiContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lab dialog's view model with the real lab service (same-thread "FX" executor). */
class LabViewModelTest {
    @TempDir
    Path data;
    private Store store;
    private JobRunner jobs;
    private int index;
    private final List<InventoryEvents.Change> changes = new CopyOnWriteArrayList<>();
    private final org.clusterdeck.ui.common.RecordingDialogs dialogs = new org.clusterdeck.ui.common.RecordingDialogs();

    @BeforeEach
    void open() {
        List<String> problems = LabPreflight.problems();
        RealParts.require(problems.isEmpty(), "LabViewModelTest: " + String.join("; ", problems));
        index = LabExtension.claimIndex();
        store = Store.open(data);
        jobs = new JobRunner(store.jobs(), 2);
    }

    @AfterEach
    void close() throws Exception {
        if (store != null) {
            new org.clusterdeck.lab.LabService(store, data, index, new InventoryEvents(), "test").down();
            LabExtension.releaseIndex(index);
            jobs.close();
            store.close();
        }
    }

    private static void awaitIdle(LabViewModel vm) throws Exception {
        long deadline = System.currentTimeMillis() + TimeUnit.SECONDS.toMillis(180);
        Thread.sleep(50);
        while (vm.busyProperty().get() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(vm.busyProperty().get()).as("lab job finished in time").isFalse();
    }

    @Test
    void startListsTheHostsAndAddsThemToTheInventoryThenStopRemovesThem() throws Exception {
        InventoryEvents events = new InventoryEvents();
        events.addListener(changes::add);
        LabViewModel vm = new LabViewModel(new UiContext(store, jobs, events, Runnable::run), data, index, dialogs);
        vm.hostCountProperty().set(2);
        vm.up();
        awaitIdle(vm);
        assertThat(vm.messageProperty().get()).startsWith("Lab is up");
        assertThat(vm.rows()).extracting(LabViewModel.Row::name).containsExactly("lab1", "lab2");
        assertThat(vm.rows()).allMatch(r -> r.ssh().equals("answers") && r.hostKey().startsWith("SHA256:"));
        var site = store.sites().findByName(LabInventory.SITE_NAME).orElseThrow();
        assertThat(store.hosts().findBySite(site.id())).hasSize(2);
        assertThat(changes).isNotEmpty();
        var lab1 = store.hosts().findByName("lab1").orElseThrow();
        assertThat(KnownHosts.inDataDir(data).knownAlgorithms(lab1.address(), 22)).isNotEmpty();

        dialogs.answering(false);
        vm.down();
        assertThat(vm.messageProperty().get()).isEqualTo("Nothing stopped.");
        assertThat(store.hosts().findByName("lab1")).as("a cancelled stop leaves the lab").isPresent();
        dialogs.answering(true);
        vm.down();
        awaitIdle(vm);
        assertThat(dialogs.confirmations).hasSize(2).allSatisfy(c -> {
            assertThat(c.actionLabel()).isEqualTo("Stop and remove");
            assertThat(c.whatItWillDo()).contains("lab1, lab2", "network namespaces", "from the inventory");
        });
        assertThat(vm.messageProperty().get()).startsWith("Lab is down");
        assertThat(vm.rows()).isEmpty();
        assertThat(store.sites().findByName(LabInventory.SITE_NAME)).isEmpty();
        assertThat(store.hosts().findByName("lab1")).isEmpty();
    }
}
