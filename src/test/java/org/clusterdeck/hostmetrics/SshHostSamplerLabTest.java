package org.clusterdeck.hostmetrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.clusterdeck.bench.BenchmarkRun;
import org.clusterdeck.bench.BenchmarkSession;
import org.clusterdeck.bench.BenchmarkSpec;
import org.clusterdeck.bench.HostSample;
import org.clusterdeck.bench.HostSampler;
import org.clusterdeck.bench.LabRoutes;
import org.clusterdeck.bench.ProcSnapshot;
import org.clusterdeck.inventory.InventoryEvents;
import org.clusterdeck.lab.LabExtension;
import org.clusterdeck.lab.LabHosts;
import org.clusterdeck.lab.LabInventory;
import org.clusterdeck.lab.LabSize;
import org.clusterdeck.lab.LocalCommand;
import org.clusterdeck.remote.CommandResult;
import org.clusterdeck.remote.RemoteAccess;
import org.clusterdeck.remote.RemoteCommand;
import org.clusterdeck.remote.SshShell;
import org.clusterdeck.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Host metrics over SSH from a real lab host (a booted container with its own sshd and nginx) under real load. */
@ExtendWith(LabExtension.class)
@LabSize(1)
class SshHostSamplerLabTest {

    @Test
    void oneRemoteCommandReadsAllFourProcFilesWithGrowingNetworkCounters(LabHosts lab) throws Exception {
        try (SshShell sh = lab.shell(1)) {
            ProcSnapshot first = read(sh);
            // the first answer went out over the host's eth0 and this request came in on it: both counters grew
            ProcSnapshot second = read(sh);
            assertThat(first.memTotalKb()).isPositive();
            assertThat(first.memAvailableKb()).isBetween(1L, first.memTotalKb());
            assertThat(first.cpuTotal()).isPositive();
            assertThat(second.netRx()).isGreaterThan(first.netRx());
            assertThat(second.netTx()).isGreaterThan(first.netTx());
        }
    }

    @Test
    void benchmarkOfALabHostsNginxChartsThatHostsLoadSampledOverSsh(LabHosts lab) throws Exception {
        String address = lab.host(1).address();
        // load only after the route check: the address must stay on this lab's bridge
        String route = LocalCommand.check("ip", "route", "get", address).stdout();
        assertThat(route).contains("dev " + lab.lab().layout().bridge() + " ");
        try (Store store = Store.inMemory("hostmetrics-lab-" + System.nanoTime()); SshShell sh = lab.shell(1)) {
            // a booted lab host runs nginx as a service
            CommandResult nginx = sh.run(RemoteCommand.of("systemctl", "is-active", "nginx"));
            assertThat(nginx.stdout().strip()).as(nginx.stderr()).isEqualTo("active");
            new LabInventory(store, lab.knownHosts(), new InventoryEvents(), "test").register(lab.hosts());
            RemoteAccess access = new RemoteAccess(store, lab.sessions(), "test");
            BenchmarkSpec spec = BenchmarkSpec.of("http://" + address + "/", 16, 0, Duration.ofSeconds(3), 0, null,
                    null, "GET", List.of(), null, false);
            HostSampler sampler = HostSamplers.choose(store, access, spec);
            assertThat(sampler).isInstanceOf(SshHostSampler.class);
            assertThat(sampler.source()).isEqualTo(lab.host(1).name() + " over SSH");

            LabRoutes routes = LabRoutes.verify(List.of(InetAddress.getByName(address)),
                    Set.of(lab.lab().layout().bridge()));
            BenchmarkRun run = new BenchmarkSession(spec, routes, sampler).run("host metrics", "host",
                    lab.host(1).name(), null);

            assertThat(run.result().status2xx()).isPositive();
            List<HostSample> samples = run.hostSeries();
            System.out.println("host samples from " + lab.host(1).name() + ": "
                    + samples.stream().map(HostSample::encode).toList());
            assertThat(samples).hasSizeGreaterThanOrEqualTo(2);
            for (HostSample s : samples) {
                assertThat(s.cpuPercent()).isBetween(0.0, 100.0);
                assertThat(s.memoryPercent()).isGreaterThan(0.0).isLessThanOrEqualTo(100.0);
                // the load arrives on the lab host's eth0 and its answers leave it: both counters grow
                assertThat(s.netRxBytesPerSec()).isPositive();
                assertThat(s.netTxBytesPerSec()).isPositive();
            }
            assertThat(samples).anySatisfy(s -> assertThat(s.cpuPercent()).isGreaterThan(0.0));
            // one audit event for the polling session, not one per second
            assertThat(store.audit().findByTarget("host", lab.host(1).name()))
                    .filteredOn(e -> e.action().startsWith("remote.")).hasSize(1)
                    .allSatisfy(e -> assertThat(e.action()).isEqualTo("remote.poll"));
        }
    }

    private static ProcSnapshot read(SshShell sh) throws Exception {
        CommandResult r = sh.run(SshHostSampler.READ_PROC);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        Map<String, String> f = SshHostSampler.split(r.stdout());
        return ProcSnapshot.parse(System.nanoTime(), f.get("/proc/stat"), f.get("/proc/meminfo"),
                f.get("/proc/net/dev"), f.get("/proc/diskstats"));
    }
}
