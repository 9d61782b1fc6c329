package org.clusterdeck.hostmetrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.clusterdeck.testing.RealParts;
import org.clusterdeck.model.BenchmarkSpec;
import org.clusterdeck.bench.HostSampler;
import org.clusterdeck.bench.LocalProcHostSampler;
import org.clusterdeck.model.Host;
import org.clusterdeck.model.Site;
import org.clusterdeck.model.SiteKind;
import org.clusterdeck.remote.HostKeyDecision;
import org.clusterdeck.remote.KnownHosts;
import org.clusterdeck.remote.RemoteAccess;
import org.clusterdeck.remote.RemoteSessions;
import org.clusterdeck.remote.SecretPrompt;
import org.clusterdeck.remote.SshOptions;
import org.clusterdeck.store.Store;
import org.clusterdeck.testing.RealParts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which sampler a benchmark target gets; nothing here connects anywhere (the SSH shell opens at the first sample). */
class HostSamplersTest {
    @TempDir
    java.nio.file.Path dir;
    private Store store;
    private RemoteSessions sessions;
    private RemoteAccess access;

    @BeforeEach
    void setUp() {
        store = Store.inMemory("hostsamplers-" + System.nanoTime());
        sessions = new RemoteSessions(new KnownHosts(dir.resolve("known_hosts"), null), HostKeyDecision.REJECT,
                SecretPrompt.NONE, SshOptions.DEFAULTS);
        access = new RemoteAccess(store, sessions, "test");
        Site lab = store.sites().insert("Local lab", SiteKind.LAB, "");
        Site demo = store.sites().insert("Demo", SiteKind.DEMO, "");
        store.hosts().insert(Host.draft(lab.id(), "lab1", "10.213.1.11"));
        store.hosts().insert(Host.draft(demo.id(), "demo1", "192.168.1.10"));
    }

    @AfterEach
    void tearDown() {
        sessions.close();
        store.close();
    }

    private static BenchmarkSpec spec(String url) {
        return BenchmarkSpec.of(url, 1, 0, Duration.ofSeconds(1), 0, null, null, "GET", List.of(), null, false);
    }

    @Test
    void inventoryHostAtTheTargetAddressIsSampledOverSsh() {
        HostSampler s = HostSamplers.choose(store, () -> access, spec("http://10.213.1.11:8080/x"));
        assertThat(s).isInstanceOf(SshHostSampler.class);
        assertThat(s.source()).isEqualTo("lab1 over SSH");
        assertThat(sessions.openConnections()).isZero();
    }

    @Test
    void loopbackTargetsSampleThisMachine() {
        RealParts.require(LocalProcHostSampler.available(), "no /proc on this machine");
        assertThat(HostSamplers.choose(store, () -> access, spec("http://127.0.0.1/"))).isInstanceOf(LocalProcHostSampler.class);
        assertThat(HostSamplers.choose(store, () -> access, spec("http://[::1]:8080/"))).isInstanceOf(LocalProcHostSampler.class);
        assertThat(HostSamplers.choose(store, null, spec("http://localhost/"))).isInstanceOf(LocalProcHostSampler.class);
    }

    @Test
    void demoHostsAndUnknownAddressesGetNoSampler() {
        assertThat(HostSamplers.choose(store, () -> access, spec("http://192.168.1.10/"))).isNull();
        assertThat(HostSamplers.choose(store, () -> access, spec("http://10.213.1.99/"))).isNull();
        assertThat(HostSamplers.choose(store, null, spec("http://10.213.1.11/"))).isNull();
        assertThat(sessions.openConnections()).isZero();
    }

    @Test
    void addressesCompareAsIpLiteralsOrNamesWithoutDnsLookups() {
        assertThat(HostSamplers.sameAddress("::1", "[0:0:0:0:0:0:0:1]")).isTrue();
        assertThat(HostSamplers.sameAddress("Web1.lab", "web1.LAB")).isTrue();
        assertThat(HostSamplers.sameAddress("10.213.1.11", "10.213.1.12")).isFalse();
        assertThat(org.clusterdeck.net.TargetPolicy.literal("web1.example")).isNull();
    }

    @Test
    void outputOfHeadIsSplitPerFileAndAMissingFileIsNamed() throws IOException {
        String out = "==> /proc/stat <==\ncpu  1 2 3 4 5 6 7 8\n\n==> /proc/meminfo <==\nMemTotal: 10 kB\n\n"
                + "==> /proc/net/dev <==\n lo: 1 0 0 0 0 0 0 0 2\n\n==> /proc/diskstats <==\n";
        var files = SshHostSampler.split(out);
        assertThat(files.get("/proc/meminfo")).startsWith("MemTotal: 10 kB");
        assertThat(files).containsKeys("/proc/stat", "/proc/net/dev", "/proc/diskstats");
        assertThatThrownBy(() -> SshHostSampler.split("==> /proc/stat <==\ncpu 1\n"))
                .isInstanceOf(IOException.class).hasMessageContaining("/proc/meminfo");
    }
}
