package org.clusterdeck.ui.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.clusterdeck.change.ChangeEngine;
import org.clusterdeck.inventory.InventoryEvents;
import org.clusterdeck.job.JobRunner;
import org.clusterdeck.model.ChangeSet;
import org.clusterdeck.model.ChangeStep;
import org.clusterdeck.model.StepKind;
import org.clusterdeck.store.Store;
import org.clusterdeck.ui.UiContext;
import org.junit.jupiter.api.Test;

/** The Changes view model on recorded history: per-host list, diff of the selected set, what a rollback asks. */
class ChangesViewModelTest {

    @Test
    void listsAHostsChangesShowsTheDiffAndAsksBeforeARollbackThatWouldUndoALaterChange() {
        try (Store store = Store.inMemory("changes-vm-" + ProcessHandle.current().pid()); JobRunner jobs = new JobRunner(store.jobs(), 2)) {
            long first = store.changes().create("web1", "tuning", "profile web", "gui", null, List.of(
                    new ChangeStep(1, StepKind.SYSCTL, "net.core.somaxconn", true, "4096", "8192", ChangeStep.APPLIED)));
            store.changes().finish(first, ChangeSet.APPLIED, "ok");
            long later = store.changes().create("web1", "tuning", "file fast.conf", "cli", null, List.of(
                    new ChangeStep(1, StepKind.SYSCTL, "net.core.somaxconn", true, "8192", "1024", ChangeStep.APPLIED)));
            store.changes().finish(later, ChangeSet.APPLIED, "ok");
            long gone = store.changes().create("db1", "tuning", "other", "gui", null, List.of());
            store.changes().finish(gone, ChangeSet.ROLLED_BACK, "rolled back");
            UiContext ctx = new UiContext(store, jobs, new InventoryEvents(), Runnable::run);
            ChangeEngine engine = ChangeEngine.create(store, "test");
            ChangesViewModel web1 = new ChangesViewModel(ctx, engine, (h, c) -> {
                throw new AssertionError("no connection is needed here");
            }, "web1");

            web1.load().join();

            assertThat(web1.changes()).extracting(ChangeSet::id).containsExactly(later, first);
            assertThat(web1.statusProperty().get()).isEqualTo("2 change set(s) on web1.");
            web1.selectedProperty().set(web1.changes().get(1));
            assertThat(web1.diffProperty().get()).contains("#" + first + " kernel tuning on web1: profile web", "-4096\n+8192\n");

            ChangesViewModel.RollbackQuestion q = web1.askRollback(web1.changes().get(1)).join();
            assertThat(q.force()).isTrue();
            assertThat(q.text()).contains("cannot be rolled back: change #" + later, "Roll back anyway");
            assertThat(web1.askRollback(web1.changes().get(0)).join().force()).isFalse();

            ChangesViewModel all = new ChangesViewModel(ctx, engine, (h, c) -> null, null);
            all.load().join();
            assertThat(all.changes()).hasSize(3);
            assertThat(all.askRollback(all.changes().get(0)).join()).isNull();
            assertThat(all.statusProperty().get()).isEqualTo("Change #" + gone + " is rolled back: nothing of it is left to roll back.");
        }
    }
}
