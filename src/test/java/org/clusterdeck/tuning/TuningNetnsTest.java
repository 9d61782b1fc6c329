package org.clusterdeck.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.clusterdeck.model.TuningChangeSet;
import org.clusterdeck.remote.CommandResult;
import org.clusterdeck.remote.RemoteCommand;
import org.clusterdeck.remote.RemoteException;
import org.clusterdeck.remote.RemoteShell;
import org.clusterdeck.store.Store;
import org.clusterdeck.store.TuningRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Apply, verify and roll back on real network namespaces of this machine (needs root). */
class TuningNetnsTest {
    private static NetnsLab lab;
    private static int counter;
    private Store store;
    private TuningService service;
    private final TuningProfiles profiles = TuningProfiles.load(SysctlCatalog.load());

    @BeforeAll
    static void createNamespaces() throws Exception {
        String why = NetnsLab.unavailableReason();
        if (why != null) {
            System.out.println("SKIPPED TuningNetnsTest: " + why);
        }
        Assumptions.assumeTrue(why == null, why);
        lab = NetnsLab.create("cdtune" + ProcessHandle.current().pid(), 2);
    }

    @AfterAll
    static void removeNamespaces() {
        if (lab != null) {
            lab.close();
        }
    }

    @BeforeEach
    void openStore() throws Exception {
        store = Store.inMemory("tuning-netns-" + (++counter));
        service = new TuningService(store, SysctlCatalog.load(), "test");
        for (int i = 1; i <= 2; i++) {
            Files.deleteIfExists(NetnsLab.sysctlDir(lab.name(i)).resolve("99-clusterdeck.conf"));
        }
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private static Map<String, String> snapshot(RemoteShell shell) {
        return HostSysctls.parse(shell.run(RemoteCommand.of("sysctl", "-a")).stdout(), "").values().entrySet().stream()
                .filter(e -> e.getKey().startsWith("net.") && !e.getKey().contains("stable_secret")
                        && !e.getKey().endsWith("_random") && !e.getKey().contains("nf_conntrack_count"))
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> String.valueOf(e.getValue())));
    }

    private static Map<String, String> rootSnapshot() {
        CommandResult r = NetnsShell.exec(List.of("sysctl", "-a"), null, 10_000);
        return HostSysctls.parse(r.stdout(), "").values().entrySet().stream()
                .filter(e -> e.getKey().startsWith("net.ipv4.tcp_") || e.getKey().startsWith("net.core.somaxconn")
                        || e.getKey().startsWith("net.ipv4.ip_local_port_range") || e.getKey().startsWith("vm."))
                .filter(e -> !e.getKey().equals("vm.stat_interval") && !e.getKey().startsWith("vm.nr_"))
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> String.valueOf(e.getValue())));
    }

    private TuningPlan webPlan(RemoteShell shell) {
        List<SettingInput> web = profiles.require("web").settings().stream().map(SettingInput::fromProfile).toList();
        return service.plan(service.read(shell), web, "profile web", true);
    }

    private static String valueIn(NetnsShell shell, String key) {
        return ValueCheck.normalizeBlanks(shell.run(RemoteCommand.of("sysctl", "-n", key)).stdout());
    }

    @Test
    void webProfileChangesHostOneOnlyAndReadsBackThere() throws Exception {
        NetnsShell h1 = lab.shell(1, "lab1");
        NetnsShell h2 = lab.shell(2, "lab2");
        Map<String, String> host2Before = snapshot(h2);
        Map<String, String> rootBefore = rootSnapshot();

        TuningPlan plan = webPlan(h1);
        assertThat(plan.report().hasErrors()).isFalse();
        assertThat(plan.report().warnings()).extracting(PlanIssue::key)
                .contains("vm.overcommit_memory", "vm.panic_on_oom", "net.ipv4.tcp_max_orphans", "net.core.netdev_max_backlog");
        TuningResult r = service.apply(h1, plan, false, null);

        assertThat(r.outcome()).as(r.message()).isEqualTo(TuningResult.Outcome.APPLIED);
        for (PlanRow row : plan.rows()) {
            assertThat(valueIn(h1, row.key())).as(row.key()).isEqualTo(row.proposed());
        }
        assertThat(valueIn(h1, "net.ipv4.ip_local_port_range")).isEqualTo("10240 65535");
        Path file = NetnsLab.sysctlDir(lab.name(1)).resolve("99-clusterdeck.conf");
        assertThat(Files.readString(file)).isEqualTo(plan.fileAfter()).contains("net.ipv4.tcp_max_syn_backlog = 4096");
        assertThat(h1.run(RemoteCommand.of("cat", "/etc/sysctl.d/99-clusterdeck.conf")).stdout()).isEqualTo(plan.fileAfter());
        assertThat(snapshot(h2)).isEqualTo(host2Before);
        assertThat(rootSnapshot()).isEqualTo(rootBefore);
        assertThat(Files.exists(NetnsLab.sysctlDir(lab.name(2)).resolve("99-clusterdeck.conf"))).isFalse();
        assertThat(store.audit().findByTarget("host", "lab1")).extracting(e -> e.action())
                .filteredOn("sysctl.set"::equals).hasSize(plan.changedRows().size());

        assertThat(service.rollback(h1, null).outcome()).isEqualTo(TuningResult.Outcome.ROLLED_BACK);
    }

    @Test
    void rollbackRestoresValuesAndThePreviousFileExactly() throws Exception {
        NetnsShell h1 = lab.shell(1, "lab1");
        Path file = NetnsLab.sysctlDir(lab.name(1)).resolve("99-clusterdeck.conf");
        String odd = "# hand-written, no final newline\nnet.ipv4.tcp_fin_timeout = 45\t# keep";
        Files.writeString(file, odd);
        Map<String, String> before = snapshot(h1);

        TuningResult applied = service.apply(h1, webPlan(h1), false, null);
        assertThat(applied.outcome()).as(applied.message()).isEqualTo(TuningResult.Outcome.APPLIED);
        assertThat(snapshot(h1)).isNotEqualTo(before);

        TuningResult rolledBack = service.rollback(h1, null);

        assertThat(rolledBack.outcome()).as(rolledBack.message()).isEqualTo(TuningResult.Outcome.ROLLED_BACK);
        assertThat(snapshot(h1)).isEqualTo(before);
        assertThat(Files.readString(file)).isEqualTo(odd);
        assertThat(new TuningRepository(store.sql()).findById(applied.changeSetId())).get()
                .extracting(TuningChangeSet::state).isEqualTo(TuningChangeSet.ROLLED_BACK);
        assertThat(service.rollback(h1, null).outcome()).isEqualTo(TuningResult.Outcome.NOTHING_TO_DO);
    }

    @Test
    void keyTheKernelRefusesRollsBackWhatWasApplied() throws Exception {
        // a catalog that wrongly allows tcp_syn_retries up to 1000: the kernel's limit is 127
        String tsv;
        try (InputStream in = SysctlCatalog.class.getResourceAsStream(SysctlCatalog.RESOURCE)) {
            tsv = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("tcp_syn_retries\tint\t1..127", "tcp_syn_retries\tint\t1..1000");
        }
        TuningService lenient = new TuningService(store, SysctlCatalog.parse(tsv), "test");
        NetnsShell h1 = lab.shell(1, "lab1");
        Map<String, String> before = snapshot(h1);
        List<SettingInput> inputs = List.of(new SettingInput("net.core.somaxconn", "8192", null, 1, 1),
                new SettingInput("net.ipv4.tcp_fin_timeout", "20", null, 2, 1),
                new SettingInput("net.ipv4.tcp_syn_retries", "500", null, 3, 1));
        TuningPlan plan = lenient.plan(lenient.read(h1), inputs, "file test.conf", true);
        assertThat(plan.report().hasErrors()).isFalse();

        TuningResult r = lenient.apply(h1, plan, false, null);

        assertThat(r.outcome()).as(r.message()).isEqualTo(TuningResult.Outcome.FAILED_ROLLED_BACK);
        assertThat(r.keys()).extracting(KeyOutcome::key, KeyOutcome::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("net.core.somaxconn", KeyOutcome.ROLLED_BACK),
                org.assertj.core.groups.Tuple.tuple("net.ipv4.tcp_fin_timeout", KeyOutcome.ROLLED_BACK),
                org.assertj.core.groups.Tuple.tuple("net.ipv4.tcp_syn_retries", KeyOutcome.REFUSED));
        assertThat(r.keys().get(2).reason()).contains("Invalid argument");
        assertThat(r.message()).contains("The kernel refused net.ipv4.tcp_syn_retries").contains("rolled back and verified");
        assertThat(snapshot(h1)).isEqualTo(before);
        assertThat(Files.exists(NetnsLab.sysctlDir(lab.name(1)).resolve("99-clusterdeck.conf"))).isFalse();
    }

    @Test
    void connectionCutMidApplyIsReportedAndALaterRollbackRestores() throws Exception {
        NetnsShell h1 = lab.shell(1, "lab1");
        Map<String, String> before = snapshot(h1);
        TuningPlan plan = webPlan(h1);
        // the connection drops right after 'sysctl -w' reached the host
        RemoteShell cut = new RemoteShell() {
            private final AtomicInteger commands = new AtomicInteger();

            @Override
            public String hostName() {
                return "lab1";
            }

            @Override
            public CommandResult run(RemoteCommand command) {
                if (commands.incrementAndGet() > 1) {
                    throw new RemoteException("connection reset by peer");
                }
                h1.run(command);
                throw new RemoteException("connection reset by peer");
            }

            @Override
            public void close() {
            }
        };

        TuningResult r = service.apply(cut, plan, false, null);

        assertThat(r.outcome()).isEqualTo(TuningResult.Outcome.FAILED_NEEDS_ROLLBACK);
        assertThat(r.message()).contains("failed while setting").contains("clusterdeck tune rollback --host lab1");
        assertThat(r.keys()).allSatisfy(k -> assertThat(k.status()).isEqualTo(KeyOutcome.LEFT_CHANGED));
        assertThat(snapshot(h1)).isNotEqualTo(before);

        TuningResult later = service.rollback(h1, null);
        assertThat(later.outcome()).as(later.message()).isEqualTo(TuningResult.Outcome.ROLLED_BACK);
        assertThat(snapshot(h1)).isEqualTo(before);
    }

    @Test
    void dryRunChangesNothingAndListsTheCommands() {
        NetnsShell h1 = lab.shell(1, "lab1");
        Map<String, String> before = snapshot(h1);

        TuningResult r = service.apply(h1, webPlan(h1), true, null);

        assertThat(r.outcome()).isEqualTo(TuningResult.Outcome.DRY_RUN);
        assertThat(r.commands()).anySatisfy(c -> assertThat(c).startsWith("sudo -n -- sysctl -w -- ")
                .contains("'net.ipv4.ip_local_port_range=10240 65535'"));
        assertThat(r.commands()).anySatisfy(c -> assertThat(c).startsWith("sudo -n -- tee -- /etc/sysctl.d/.99-clusterdeck.conf.tmp <<'EOF'"));
        assertThat(snapshot(h1)).isEqualTo(before);
        assertThat(new TuningRepository(store.sql()).history("lab1", 10)).isEmpty();
    }
}
