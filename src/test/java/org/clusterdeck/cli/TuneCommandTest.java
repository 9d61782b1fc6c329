package org.clusterdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.clusterdeck.inventory.InventoryEvents;
import org.clusterdeck.lab.LabExtension;
import org.clusterdeck.lab.LabHosts;
import org.clusterdeck.lab.LabInventory;
import org.clusterdeck.lab.LabLayout;
import org.clusterdeck.remote.KnownHosts;
import org.clusterdeck.store.DemoInventory;
import org.clusterdeck.store.Store;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

class TuneCommandTest {
    static final String SOURCE_LINE = "# /etc/sysctl.conf net.core.somaxconn=1024 net.ipv4.ip_local_port_range=1024 65535 "
            + "net.ipv4.tcp_max_syn_backlog=4096 net.ipv4.tcp_max_orphaned=10000 # /etc/sysctl.d/99-vm.conf "
            + "vm.nr_overcommit_memory=1 vm.panic_on_overshoot=0 vm.panic_on_overcommit=0\n";

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("--data-dir", dir.resolve("data").toString()));
        all.addAll(List.of(args));
        int code = Cli.run(all.toArray(String[]::new), Map.of(), new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void planFileWithoutHostListsEachBadLineWithItsFixAndFails() throws Exception {
        Path f = dir.resolve("source.conf");
        Files.writeString(f, "net.core.somaxconn = 4096\n" + SOURCE_LINE + "net.ipv4.tcp_keepalive_probes = 500\n");

        Run r = run("tune", "plan", "--file", f.toString());

        assertThat(r.code()).isEqualTo(Cli.FAILED);
        assertThat(r.out().lines().filter(l -> l.contains(": error: "))).containsExactly(
                f + ":2:118: error: unknown key net.ipv4.tcp_max_orphaned: Linux has no such key; did you mean net.ipv4.tcp_max_orphans? (fix: replace with net.ipv4.tcp_max_orphans = 10000)",
                f + ":2:177: error: unknown key vm.nr_overcommit_memory: Linux has no such key; did you mean vm.overcommit_memory? (fix: replace with vm.overcommit_memory = 1)",
                f + ":2:203: error: unknown key vm.panic_on_overshoot: Linux has no such key; did you mean vm.panic_on_oom? (fix: replace with vm.panic_on_oom = 0)",
                f + ":2:227: error: unknown key vm.panic_on_overcommit: Linux has no such key; did you mean vm.panic_on_oom? (fix: replace with vm.panic_on_oom = 0)",
                f + ":3: error: net.ipv4.tcp_keepalive_probes: 500 is out of range 1..127 (fix: use a value in 1..127)");
        assertThat(r.out()).contains("3 setting(s) valid, 5 error(s), 2 warning(s).") // somaxconn is set twice
                .contains(f + ":2:20: warning: net.core.somaxconn is set twice (also on line 1); the later value wins");
    }

    @Test
    void planOfACorrectFileSucceeds() throws Exception {
        Path f = dir.resolve("good.conf");
        Files.writeString(f, "net.core.somaxconn = 4096\nnet.ipv4.ip_local_port_range = 10240 65535\n");
        Run r = run("tune", "plan", "--file", f.toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("2 setting(s) valid, 0 error(s), 0 warning(s).");
    }

    @Test
    void profilesListsTheFourProfiles() {
        Run r = run("tune", "profiles");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("web", "Web server, high concurrency", "throughput", "latency", "defaults", "Kernel defaults");
    }

    @Test
    void demoHostIsRefusedBeforeAnyConnectionWithTheWayToLabHosts() {
        Run r = run("tune", "apply", "--host", "pve1", "--profile", "web");
        assertThat(r.code()).isEqualTo(Cli.FAILED);
        assertThat(r.err()).contains("pve1 is a demo host").contains(org.clusterdeck.text.Invocation.asRoot("lab up"));
        try (Store store = Store.open(dir.resolve("data"))) {
            assertThat(store.jobs().findRecent(10)).isEmpty();
        }
    }

    @Test
    void unknownProfileNamesTheOnesThatExist() {
        Run r = run("tune", "plan", "--profile", "webscale");
        assertThat(r.code()).isEqualTo(Cli.USAGE);
        assertThat(r.err()).contains("No tuning profile 'webscale'").contains("web, throughput, latency, defaults");
    }

    /** The commands end to end on two real lab hosts over SSH. */
    @Nested
    @ExtendWith(LabExtension.class)
    class OnLabHosts {
        @Test
        void applyToTwoHostsInParallelThenShowAndRollBack(LabHosts lab) throws Exception {
            Path data = dir.resolve("data");
            try (Store store = Store.open(data)) {
                DemoInventory.seedIfEmpty(store);
                new LabInventory(store, KnownHosts.inDataDir(data), new InventoryEvents(), "test").register(lab.hosts());
            }
            String h1 = lab.host(1).name();
            String h2 = lab.host(2).name();
            Path file1 = LabLayout.netnsEtc(lab.host(1).namespace()).resolve("sysctl.d/99-clusterdeck.conf");
            Files.deleteIfExists(file1);
            Files.deleteIfExists(LabLayout.netnsEtc(lab.host(2).namespace()).resolve("sysctl.d/99-clusterdeck.conf"));

            Run dry = run("tune", "apply", "--host", h1, "--profile", "web", "--dry-run");
            assertThat(dry.code()).as(dry.err()).isZero();
            assertThat(dry.out()).contains("dry run", "Would run:", "sysctl -w");
            assertThat(Files.exists(file1)).isFalse();

            Run apply = run("tune", "apply", "--host", h1, "--host", h2, "--profile", "web");
            assertThat(apply.code()).as(apply.out() + apply.err()).isZero();
            assertThat(apply.out()).contains("== " + h1 + ": applied", "== " + h2 + ": applied", "10240 65535");
            assertThat(Files.readString(file1)).contains("net.ipv4.ip_local_port_range = 10240 65535");

            Run show = run("tune", "show", "--host", h1);
            assertThat(show.code()).as(show.err()).isZero();
            assertThat(show.out()).contains("profile web", "applied").containsPattern("net.ipv4.ip_local_port_range +10240 65535 +32768 60999 +yes");

            Run json = run("tune", "show", "--host", h1, "--history-only", "--json");
            assertThat(json.code()).as(json.err()).isZero();
            assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out()).get("history").get(0).get("state").asText())
                    .isEqualTo("applied");

            Run back = run("tune", "rollback", "--host", h1, "--host", h2);
            assertThat(back.code()).as(back.out() + back.err()).isZero();
            assertThat(back.out()).contains("== " + h1 + ": rolled back", "== " + h2 + ": rolled back");
            assertThat(Files.exists(file1)).isFalse();
        }
    }
}
