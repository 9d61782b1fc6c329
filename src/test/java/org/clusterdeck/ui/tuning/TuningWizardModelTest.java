package org.clusterdeck.ui.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.clusterdeck.inventory.InventoryEvents;
import org.clusterdeck.job.JobRunner;
import org.clusterdeck.lab.LabExtension;
import org.clusterdeck.lab.LabHosts;
import org.clusterdeck.lab.LabInventory;
import org.clusterdeck.lab.LabLayout;
import org.clusterdeck.remote.RemoteAccess;
import org.clusterdeck.remote.RemoteCommand;
import org.clusterdeck.remote.SshShell;
import org.clusterdeck.store.DemoInventory;
import org.clusterdeck.store.Store;
import org.clusterdeck.tuning.KeyOutcome;
import org.clusterdeck.tuning.TuningResult;
import org.clusterdeck.ui.UiContext;
import org.clusterdeck.ui.tuning.TuningRows.HostChoice;
import org.clusterdeck.ui.tuning.TuningWizardModel.SourceMode;
import org.clusterdeck.ui.tuning.TuningWizardModel.Step;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The wizard's whole flow through its view model, with the real service on two lab hosts over SSH. */
@ExtendWith(LabExtension.class)
class TuningWizardModelTest {
    private static final String SOURCE = "# /etc/sysctl.conf net.core.somaxconn=1024 net.ipv4.ip_local_port_range=1024 65535 "
            + "net.ipv4.tcp_max_syn_backlog=4096 net.ipv4.tcp_max_orphaned=10000 # /etc/sysctl.d/99-vm.conf "
            + "vm.nr_overcommit_memory=1 vm.panic_on_overshoot=0 vm.panic_on_overcommit=0";

    private Store store;
    private JobRunner jobs;
    private ExecutorService fxThread;
    private TuningWizardModel model;
    private final org.clusterdeck.ui.common.RecordingDialogs dialogs = new org.clusterdeck.ui.common.RecordingDialogs();

    @BeforeEach
    void setUp(LabHosts lab) throws Exception {
        store = Store.inMemory("tuning-wizard");
        DemoInventory.seedIfEmpty(store);
        new LabInventory(store, lab.knownHosts(), new InventoryEvents(), "test").register(lab.hosts());
        jobs = new JobRunner(store.jobs(), 4);
        fxThread = Executors.newSingleThreadExecutor(); // stands in for the FX thread: one thread, in order
        UiContext ctx = new UiContext(store, jobs, new InventoryEvents(), fxThread);
        RemoteAccess access = new RemoteAccess(store, lab.sessions(), "test");
        model = new TuningWizardModel(ctx, access::open, dialogs);
        for (int i = 1; i <= 2; i++) {
            Files.deleteIfExists(LabLayout.netnsEtc(lab.host(i).namespace()).resolve("sysctl.d/99-clusterdeck.conf"));
        }
    }

    @AfterEach
    void tearDown() {
        jobs.close();
        fxThread.shutdownNow();
        store.close();
    }

    private static String value(LabHosts lab, int n, String key) {
        try (SshShell sh = lab.shell(n)) {
            return sh.run(RemoteCommand.of("/sbin/sysctl", "-n", key)).stdout().strip().replaceAll("\\s+", " ");
        }
    }

    @Test
    void pastedSourceIsFixedBySuggestionsThenAppliedVerifiedAndRolledBackOnTwoHosts(LabHosts lab) {
        String h1 = lab.host(1).name();
        String h2 = lab.host(2).name();
        String portsBefore = value(lab, 1, "net.ipv4.ip_local_port_range");

        model.loadHosts(h1).join();
        assertThat(model.hosts()).filteredOn(HostChoice::demo).extracting(c -> c.host().name()).contains("pve1");
        assertThat(model.selectedHosts()).extracting(h -> h.name()).containsExactly(h1);
        model.hosts().stream().filter(c -> c.host().name().equals(h2) || c.host().name().equals("pve1"))
                .forEach(c -> c.selectedProperty().set(true));
        assertThat(model.selectedHosts()).extracting(h -> h.name()).containsExactlyInAnyOrder(h1, h2);
        assertThat(model.canNextProperty().get()).isTrue();
        model.next().join();

        model.sourceModeProperty().set(SourceMode.TEXT);
        model.textProperty().set(SOURCE);
        model.next().join();
        assertThat(model.stepProperty().get()).isEqualTo(Step.VALIDATION);
        assertThat(model.issues()).filteredOn(i -> i.issue().isError()).extracting(i -> i.issue().fix()).contains(
                "replace with net.ipv4.tcp_max_orphans = 10000", "replace with vm.overcommit_memory = 1",
                "replace with vm.panic_on_oom = 0");
        assertThat(model.canNextProperty().get()).isFalse();

        assertThat(model.applySuggestions()).isEqualTo(4);
        assertThat(model.textProperty().get()).contains("net.ipv4.tcp_max_orphans=10000", "vm.overcommit_memory=1", "vm.panic_on_oom=0")
                .doesNotContain("orphaned", "nr_overcommit", "overshoot");
        model.planOnHosts().join();
        assertThat(model.issues()).noneMatch(i -> i.issue().isError());
        assertThat(model.issues()).filteredOn(i -> i.where().equals(h1)).extracting(i -> i.issue().key())
                .contains("vm.overcommit_memory", "net.ipv4.tcp_max_orphans");
        assertThat(model.canNextProperty().get()).isTrue();

        model.next().join();
        assertThat(model.preview()).filteredOn(r -> r.host().equals(h2) && r.key().equals("net.ipv4.ip_local_port_range"))
                .singleElement().satisfies(r -> assertThat(r.proposed()).isEqualTo("1024 65535"));
        assertThat(model.commandsText(h1)).contains("sysctl -w", "'net.ipv4.ip_local_port_range=1024 65535'", "99-clusterdeck.conf");

        model.next().join();
        assertThat(model.runs()).hasSize(2).allSatisfy(r ->
                assertThat(r.resultProperty().get().outcome()).isEqualTo(TuningResult.Outcome.APPLIED));
        assertThat(value(lab, 1, "net.ipv4.ip_local_port_range")).isEqualTo("1024 65535");
        assertThat(value(lab, 2, "net.ipv4.tcp_max_syn_backlog")).isEqualTo("4096");
        model.next().join();
        assertThat(model.stepProperty().get()).isEqualTo(Step.VERIFY);
        assertThat(model.outcomes()).filteredOn(o -> o.status().equals(KeyOutcome.APPLIED))
                .allSatisfy(o -> assertThat(o.readBack()).isEqualTo(o.proposed())).isNotEmpty();

        model.rollback().join(); // declined: nothing changes
        assertThat(value(lab, 1, "net.ipv4.ip_local_port_range")).isEqualTo("1024 65535");
        assertThat(dialogs.confirmations).singleElement().satisfies(c -> assertThat(c.whatItWillDo())
                .contains(h1, "99-clusterdeck.conf", "value it had before"));
        dialogs.answering(true);
        model.rollback().join();
        assertThat(model.runs()).allSatisfy(r -> assertThat(r.resultProperty().get().outcome()).isEqualTo(TuningResult.Outcome.ROLLED_BACK));
        assertThat(model.outcomes()).allSatisfy(o -> assertThat(o.status()).isEqualTo(KeyOutcome.RESTORED));
        assertThat(value(lab, 1, "net.ipv4.ip_local_port_range")).isEqualTo(portsBefore);
    }

    @Test
    void dryRunShowsTheResultAndChangesNothing(LabHosts lab) {
        String h1 = lab.host(1).name();
        String before = value(lab, 1, "net.ipv4.tcp_fin_timeout");
        model.loadHosts(h1).join();
        model.next().join();
        model.profileProperty().set(model.profiles().stream().filter(p -> p.id().equals("web")).findFirst().orElseThrow());
        model.next().join();
        model.next().join();
        model.dryRunProperty().set(true);
        model.next().join();
        assertThat(model.runs()).singleElement().satisfies(r ->
                assertThat(r.resultProperty().get().outcome()).isEqualTo(TuningResult.Outcome.DRY_RUN));
        assertThat(value(lab, 1, "net.ipv4.tcp_fin_timeout")).isEqualTo(before);
    }
}
