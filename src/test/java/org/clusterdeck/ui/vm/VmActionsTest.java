package org.clusterdeck.ui.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.clusterdeck.inventory.InventoryEvents;
import org.clusterdeck.job.JobRunner;
import org.clusterdeck.model.Host;
import org.clusterdeck.model.Vm;
import org.clusterdeck.store.DemoInventory;
import org.clusterdeck.store.Store;
import org.clusterdeck.ui.UiContext;
import org.clusterdeck.ui.common.RecordingDialogs;
import org.clusterdeck.virt.VirtService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deleting a VM asks first, says what each answer removes, and a cancel changes nothing (demo lab, libvirt test driver). */
class VmActionsTest {
    @TempDir
    Path dataDir;
    Store store;
    JobRunner jobs;
    VirtService virt;

    @AfterEach
    void tearDown() {
        if (virt != null) {
            virt.close();
            jobs.close();
            store.close();
        }
    }

    @Test
    void deleteConfirmsWhatItRemovesAndCancelKeepsTheVm() throws Exception {
        String why = VirtService.unavailable().orElse(null);
        if (why != null) {
            System.out.println("SKIPPED: " + why);
        }
        assumeTrue(why == null, why);
        store = Store.inMemory("vm-actions-" + System.nanoTime());
        DemoInventory.seedIfEmpty(store);
        jobs = new JobRunner(store.jobs(), 2);
        virt = VirtService.create(store, jobs, new InventoryEvents(), dataDir, "test");
        virt.syncAll().result().get(60, TimeUnit.SECONDS);
        Host pve1 = store.hosts().findByName("pve1").orElseThrow();
        Vm web1 = store.vms().findByHostAndName(pve1.id(), "web1").orElseThrow();
        RecordingDialogs dialogs = new RecordingDialogs().choosing(null);
        VmActions actions = new VmActions(new UiContext(store, jobs, new InventoryEvents(), Runnable::run), virt, dialogs);

        assertThat(actions.confirmDelete(web1)).isEmpty();
        assertThat(store.vms().findByHostAndName(pve1.id(), "web1")).isPresent();
        assertThat(dialogs.confirmations).singleElement().satisfies(c -> {
            assertThat(c.title()).isEqualTo("Delete VM web1");
            assertThat(c.whatItWillDo()).contains("disk files stay", "disk files are deleted", "cannot be undone");
        });

        virt.operations().power(web1, org.clusterdeck.virt.VmOperations.Power.FORCE_OFF).result().get(60, TimeUnit.SECONDS);
        web1 = store.vms().findByHostAndName(pve1.id(), "web1").orElseThrow();
        dialogs.choosing(VmActions.KEEP_DISKS);
        actions.confirmDelete(web1).orElseThrow().result().get(60, TimeUnit.SECONDS);
        assertThat(store.vms().findByHostAndName(pve1.id(), "web1")).isEmpty();
        assertThat(virt.connect(pve1).domain("web1")).isEmpty();
    }
}
