package org.clusterdeck.tuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.clusterdeck.lab.LabExtension;
import org.clusterdeck.lab.LabHosts;
import org.clusterdeck.lab.LabSize;
import org.clusterdeck.model.TuningChangeSet;
import org.clusterdeck.remote.CommandResult;
import org.clusterdeck.remote.RemoteCommand;
import org.clusterdeck.remote.RemoteException;
import org.clusterdeck.remote.RemoteShell;
import org.clusterdeck.remote.SshShell;
import org.clusterdeck.store.Store;
import org.clusterdeck.store.TuningRepository;
import org.clusterdeck.testing.RealParts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Apply, verify and roll back over SSH on real lab hosts (booted containers with their own sshd). */
@ExtendWith(LabExtension.class)
@LabSize(2)
class TuningLabTest {
    private static int counter;
    private Store store;
    private TuningService service;
    private final TuningProfiles profiles = TuningProfiles.load(SysctlCatalog.load());

    @BeforeEach
    void openStore(LabHosts lab) throws Exception {
        store = Store.inMemory("tuning-lab-" + (++counter));
        service = new TuningService(store, SysctlCatalog.load(), "test");
        for (int i = 1; i <= lab.size(); i++) {
            Files.deleteIfExists(LabSysctls.clusterdeckFile(lab, i));
        }
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private TuningPlan webPlan(RemoteShell shell) {
        List<SettingInput> web = profiles.require("web").settings().stream().map(SettingInput::fromProfile).toList();
        return service.plan(service.read(shell, web), web, "profile web", true);
    }

    @Test
    void readingOnlyTheRequestedKeysFindsMissingOnesAndSuggestsFromTheHost(LabHosts lab) {
        try (SshShell h1 = lab.shell(1)) {
            List<SettingInput> in = List.of(new SettingInput("net.ipv4.tcp_fin_timout", "15", null, 1, 1),
                    new SettingInput("net.ipv4.tcp_congestion_control", "no_such_cc", null, 2, 1),
                    new SettingInput("net.core.somaxconn", "8192", null, 3, 1));
            HostReading partial = service.read(h1, in);
            assertThat(partial.sysctls().values()).containsKeys("net.core.somaxconn", "net.ipv4.tcp_available_congestion_control");
            assertThat(partial.sysctls().values()).hasSizeLessThan(10);
            ValidationReport r = service.plan(partial, in, "file t.conf", true).report();
            assertThat(r.errors()).extracting(PlanIssue::fix).containsExactly(
                    "replace with net.ipv4.tcp_fin_timeout = 15",
                    "use one of: " + String.join(", ", partial.sysctls().value("net.ipv4.tcp_available_congestion_control")
                            .orElseThrow().split(" ")));
        }
    }

    @Test
    void webProfileChangesLabHostOneOnlyAndReadsBackThere(LabHosts lab) throws Exception {
        try (SshShell h1 = lab.shell(1); SshShell h2 = lab.shell(2)) {
            Map<String, String> host2Before = LabSysctls.snapshot(h2);
            Map<String, String> machineBefore = LabSysctls.machineSnapshot();

            TuningPlan plan = webPlan(h1);
            assertThat(plan.report().hasErrors()).isFalse();
            assertThat(plan.report().warnings()).extracting(PlanIssue::key)
                    .contains("vm.overcommit_memory", "vm.panic_on_oom", "net.ipv4.tcp_max_orphans", "net.core.netdev_max_backlog");
            TuningResult r = service.apply(h1, plan, false, null);

            assertThat(r.outcome()).as(r.message()).isEqualTo(TuningResult.Outcome.APPLIED);
            for (PlanRow row : plan.rows()) {
                assertThat(LabSysctls.value(h1, row.key())).as(row.key()).isEqualTo(row.proposed());
            }
            assertThat(LabSysctls.value(h1, "net.ipv4.ip_local_port_range")).isEqualTo("10240 65535");
            assertThat(Files.readString(LabSysctls.clusterdeckFile(lab, 1))).isEqualTo(plan.fileAfter())
                    .contains("net.ipv4.tcp_max_syn_backlog = 4096");
            assertThat(LabSysctls.snapshot(h2)).isEqualTo(host2Before);
            assertThat(LabSysctls.machineSnapshot()).isEqualTo(machineBefore);
            assertThat(Files.exists(LabSysctls.clusterdeckFile(lab, 2))).isFalse();
            assertThat(Files.exists(Path.of("/etc/sysctl.d/99-clusterdeck.conf"))).isFalse();
            assertThat(store.audit().findByTarget("host", h1.hostName())).extracting(e -> e.action())
                    .filteredOn("sysctl.set"::equals).hasSize(plan.changedRows().size());

            assertThat(service.rollback(h1, null).outcome()).isEqualTo(TuningResult.Outcome.ROLLED_BACK);
        }
    }

    @Test
    void rollbackRestoresValuesAndThePreviousFileExactly(LabHosts lab) throws Exception {
        try (SshShell h1 = lab.shell(1)) {
            Path file = LabSysctls.clusterdeckFile(lab, 1);
            String odd = "# hand-written, no final newline\nnet.ipv4.tcp_fin_timeout = 45\t# keep";
            Files.writeString(file, odd);
            Map<String, String> before = LabSysctls.snapshot(h1);

            TuningResult applied = service.apply(h1, webPlan(h1), false, null);
            assertThat(applied.outcome()).as(applied.message()).isEqualTo(TuningResult.Outcome.APPLIED);
            assertThat(LabSysctls.snapshot(h1)).isNotEqualTo(before);

            TuningResult rolledBack = service.rollback(h1, null);

            assertThat(rolledBack.outcome()).as(rolledBack.message()).isEqualTo(TuningResult.Outcome.ROLLED_BACK);
            assertThat(LabSysctls.snapshot(h1)).isEqualTo(before);
            assertThat(Files.readString(file)).isEqualTo(odd);
            assertThat(new TuningRepository(store.sql()).findById(applied.changeSetId())).get()
                    .extracting(TuningChangeSet::state).isEqualTo(TuningChangeSet.ROLLED_BACK);
            assertThat(service.rollback(h1, null).outcome()).isEqualTo(TuningResult.Outcome.NOTHING_TO_DO);
        }
    }

    @Test
    void keyTheKernelRefusesRollsBackWhatWasApplied(LabHosts lab) throws Exception {
        // a catalog that wrongly allows tcp_syn_retries up to 1000: the kernel's limit is 127
        String tsv;
        try (InputStream in = SysctlCatalog.class.getResourceAsStream(SysctlCatalog.RESOURCE)) {
            tsv = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("tcp_syn_retries\tint\t1..127", "tcp_syn_retries\tint\t1..1000");
        }
        TuningService lenient = new TuningService(store, SysctlCatalog.parse(tsv), "test");
        try (SshShell h1 = lab.shell(1)) {
            Map<String, String> before = LabSysctls.snapshot(h1);
            List<SettingInput> inputs = List.of(new SettingInput("net.core.somaxconn", "8192", null, 1, 1),
                    new SettingInput("net.ipv4.tcp_fin_timeout", "20", null, 2, 1),
                    new SettingInput("net.ipv4.tcp_syn_retries", "500", null, 3, 1));
            TuningPlan plan = lenient.plan(lenient.read(h1), inputs, "file test.conf", true);
            assertThat(plan.report().hasErrors()).isFalse();

            TuningResult r = lenient.apply(h1, plan, false, null);

            assertThat(r.outcome()).as(r.message()).isEqualTo(TuningResult.Outcome.FAILED_ROLLED_BACK);
            assertThat(r.keys()).extracting(KeyOutcome::key, KeyOutcome::status).containsExactly(
                    tuple("net.core.somaxconn", KeyOutcome.ROLLED_BACK),
                    tuple("net.ipv4.tcp_fin_timeout", KeyOutcome.ROLLED_BACK),
                    tuple("net.ipv4.tcp_syn_retries", KeyOutcome.REFUSED));
            assertThat(r.keys().get(2).reason()).contains("Invalid argument");
            assertThat(r.message()).contains("The kernel refused net.ipv4.tcp_syn_retries").contains("rolled back and verified");
            assertThat(LabSysctls.snapshot(h1)).isEqualTo(before);
            assertThat(Files.exists(LabSysctls.clusterdeckFile(lab, 1))).isFalse();
        }
    }

    @Test
    void hostileValueReachesTheKernelAsLiteralTextAndIsRolledBack(LabHosts lab) throws Exception {
        Path marker = Path.of("/tmp/clusterdeck-tuning-pwned");
        Files.deleteIfExists(marker);
        try (SshShell h1 = lab.shell(1)) {
            Map<String, String> before = LabSysctls.snapshot(h1);
            // a real key the catalog does not describe, so only the kernel judges the value
            List<SettingInput> inputs = List.of(new SettingInput("net.core.somaxconn", "8192", null, 1, 1),
                    new SettingInput("net.ipv4.tcp_retries1", "3; touch " + marker + " $(touch " + marker + ") `touch " + marker + "`", null, 2, 1));
            TuningPlan plan = service.plan(service.read(h1, inputs), inputs, "file hostile.conf", true);
            assertThat(plan.report().hasErrors()).isFalse();

            TuningResult r = service.apply(h1, plan, false, null);

            assertThat(r.outcome()).as(r.message()).isEqualTo(TuningResult.Outcome.FAILED_ROLLED_BACK);
            assertThat(r.keys()).extracting(KeyOutcome::key, KeyOutcome::status).containsExactly(
                    tuple("net.core.somaxconn", KeyOutcome.ROLLED_BACK), tuple("net.ipv4.tcp_retries1", KeyOutcome.REFUSED));
            assertThat(Files.exists(marker)).as("nothing in the value ran as a command").isFalse();
            assertThat(LabSysctls.snapshot(h1)).isEqualTo(before);
            assertThat(Files.exists(LabSysctls.clusterdeckFile(lab, 1))).isFalse();
        }
        List<SettingInput> newline = List.of(new SettingInput("net.core.somaxconn", "4096\nkernel.panic = 1", null, 1, 1));
        assertThat(service.validator().validate(newline).errors()).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("line break"));
    }

    @Test
    void connectionCutMidApplyIsReportedAndALaterRollbackRestores(LabHosts lab) throws Exception {
        try (SshShell h1 = lab.shell(1)) {
            Map<String, String> before = LabSysctls.snapshot(h1);
            TuningPlan plan = webPlan(h1);
            SshShell doomed = lab.shell(1);
            // the SSH connection really closes right after 'sysctl -w' reached the host
            RemoteShell cut = new RemoteShell() {
                private final AtomicInteger commands = new AtomicInteger();

                @Override
                public String hostName() {
                    return doomed.hostName();
                }

                @Override
                public CommandResult run(RemoteCommand command) {
                    if (commands.incrementAndGet() == 1) {
                        doomed.run(command);
                        doomed.close();
                    }
                    return doomed.run(command);
                }

                @Override
                public void close() {
                    doomed.close();
                }
            };

            TuningResult r = service.apply(cut, plan, false, null);

            assertThat(r.outcome()).isEqualTo(TuningResult.Outcome.FAILED_NEEDS_ROLLBACK);
            assertThat(r.message()).contains("failed while setting").contains(org.clusterdeck.text.Invocation.command("tune rollback --host ") + h1.hostName());
            assertThat(r.keys()).allSatisfy(k -> assertThat(k.status()).isEqualTo(KeyOutcome.LEFT_CHANGED));
            assertThat(LabSysctls.snapshot(h1)).isNotEqualTo(before);
            assertThat(new TuningRepository(store.sql()).findById(r.changeSetId())).get()
                    .extracting(TuningChangeSet::state).isEqualTo(TuningChangeSet.INCOMPLETE);

            TuningResult later = service.rollback(h1, null);
            assertThat(later.outcome()).as(later.message()).isEqualTo(TuningResult.Outcome.ROLLED_BACK);
            assertThat(LabSysctls.snapshot(h1)).isEqualTo(before);
        }
    }

    @Test
    void dryRunChangesNothingAndListsTheCommands(LabHosts lab) {
        try (SshShell h1 = lab.shell(1)) {
            Map<String, String> before = LabSysctls.snapshot(h1);

            List<SettingInput> web = profiles.require("web").settings().stream().map(SettingInput::fromProfile).toList();
            TuningResult r = service.apply(h1, service.plan(service.read(h1), web, "profile web", true), true, null);

            assertThat(r.outcome()).isEqualTo(TuningResult.Outcome.DRY_RUN);
            assertThat(r.commands()).anySatisfy(c -> assertThat(c).startsWith("sudo -n -- /sbin/sysctl -w -- ")
                    .contains("'net.ipv4.ip_local_port_range=10240 65535'"));
            assertThat(r.commands()).anySatisfy(c -> assertThat(c)
                    .startsWith("sudo -n -- sh -c ").contains(" clusterdeck-write /etc/sysctl.d/99-clusterdeck.conf ")
                    .contains("<<'EOF'\n# Written by ClusterDeck"));
            assertThat(LabSysctls.snapshot(h1)).isEqualTo(before);
            assertThat(new TuningRepository(store.sql()).history(h1.hostName(), 10)).isEmpty();
        }
    }

    @Test
    void nonRootUserAppliesThroughSudo(LabHosts lab) {
        boolean sudo = Files.isExecutable(Path.of("/usr/bin/sudo"));
        RealParts.require(sudo, "nonRootUserAppliesThroughSudo: sudo is not installed (Debian package sudo)");
        try (SshShell h1 = lab.shell(1, LabHosts.labUser())) {
            TuningResult r = service.apply(h1, webPlan(h1), false, null);
            assertThat(r.outcome()).as(r.message()).isEqualTo(TuningResult.Outcome.APPLIED);
            assertThat(LabSysctls.value(h1, "net.ipv4.ip_local_port_range")).isEqualTo("10240 65535");
            assertThat(service.rollback(h1, null).outcome()).isEqualTo(TuningResult.Outcome.ROLLED_BACK);
        }
    }
}
