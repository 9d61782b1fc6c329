package org.clusterdeck.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.clusterdeck.app.Services;
import org.clusterdeck.net.TargetRefusedException;
import org.clusterdeck.store.Store;
import org.clusterdeck.testing.HttpPeer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Findings across runs with the real HTTP scanner against a real HTTP peer on loopback whose
 * headers the test changes between scans (a header added is a fix): states, rescan with the
 * change set, accept/false positive kept, comparison, history, the badge, failed and refused scans.
 */
class ScanServiceTest {
    private static final String NOSNIFF = "X-Content-Type-Options: nosniff\r\n";

    @TempDir
    Path dir;

    private Store store;
    private Services services;
    private ScanService scans;

    @BeforeEach
    void open() {
        store = Store.inMemory("scan-service-" + System.nanoTime());
        services = Services.builder(dir, "test").store(store).build();
        scans = services.scans();
    }

    @AfterEach
    void close() {
        services.close();
    }

    private StoredFinding only(List<StoredFinding> findings, String checkId) {
        List<StoredFinding> match = findings.stream().filter(f -> f.finding().id().equals(checkId)).toList();
        assertThat(match).as(checkId + " in " + findings).hasSize(1);
        return match.get(0);
    }

    @Test
    void aFixedHeaderIsFixedInTheRerunAcceptedStaysAcceptedAndAReturnReopensTheSameFinding() throws Exception {
        try (HttpPeer peer = new HttpPeer("")) {
            ScanRun first = scans.run(ScanKind.HTTP, peer.url(), null);
            assertThat(first.error()).isNull();
            assertThat(first.kind()).isEqualTo(ScanKind.HTTP);
            assertThat(first.target()).isEqualTo(peer.url());
            List<StoredFinding> found = scans.findings(first.id());
            assertThat(found).hasSize(first.findingCount()).allSatisfy(f -> {
                assertThat(f.state()).isEqualTo(FindingState.OPEN);
                assertThat(f.scanId()).isEqualTo(first.id());
                assertThat(f.host()).isEqualTo("127.0.0.1");
            });
            StoredFinding nosniff = only(found, "http-nosniff-missing");
            StoredFinding csp = only(found, "http-csp-missing");
            scans.accept(csp.id(), "CSP is set by the CDN in front of this host");

            peer.respond(NOSNIFF);
            ScanRun second = scans.run(ScanKind.HTTP, peer.url(), null);
            StoredFinding fixed = scans.finding(nosniff.id()).orElseThrow();
            assertThat(fixed.state()).isEqualTo(FindingState.FIXED);
            assertThat(fixed.fixedInScan()).isEqualTo(second.id());
            assertThat(fixed.fixedByChangeSet()).isNull();
            StoredFinding accepted = only(scans.findings(second.id()), "http-csp-missing");
            assertThat(accepted.id()).isEqualTo(csp.id());
            assertThat(accepted.state()).isEqualTo(FindingState.ACCEPTED);
            assertThat(accepted.reason()).isEqualTo("CSP is set by the CDN in front of this host");
            assertThat(scans.findings(second.id())).extracting(f -> f.finding().id()).doesNotContain("http-nosniff-missing");
            assertThat(scans.findings("127.0.0.1", true)).extracting(StoredFinding::state).containsOnly(FindingState.OPEN)
                    .isNotEmpty();

            peer.respond("");
            ScanRun third = scans.run(ScanKind.HTTP, peer.url(), null);
            StoredFinding back = only(scans.findings(third.id()), "http-nosniff-missing");
            assertThat(back.id()).isEqualTo(nosniff.id());
            assertThat(back.state()).isEqualTo(FindingState.OPEN);
            assertThat(back.fixedInScan()).isNull();
            assertThat(back.firstSeen()).isEqualTo(nosniff.firstSeen());

            ScanComparison c = scans.compare(first.id(), second.id());
            assertThat(c.gone()).extracting(StoredFinding::id).containsExactly(nosniff.id());
            assertThat(c.newFindings()).isEmpty();
            assertThat(c.unchanged()).extracting(StoredFinding::id).contains(csp.id()).doesNotContain(nosniff.id());
            ScanComparison back2 = scans.compare(second.id(), third.id());
            assertThat(back2.newFindings()).extracting(StoredFinding::id).containsExactly(nosniff.id());

            assertThat(scans.history("127.0.0.1")).extracting(HistoryPoint::scanId).containsExactly(first.id(), second.id(), third.id());
            assertThat(scans.history("127.0.0.1").get(1).openCount()).isEqualTo(second.findingCount() - 1); // the accepted one
            assertThat(scans.runs(null)).extracting(ScanRun::id).containsExactly(third.id(), second.id(), first.id());
            assertThat(scans.runs(peer.url())).hasSize(3);
        }
    }

    @Test
    void rescanReRunsOnlyThoseFindingsScansAndRecordsTheChangeSetOnTheFixedOnes() throws Exception {
        try (HttpPeer peer = new HttpPeer(""); HttpPeer other = new HttpPeer("")) {
            ScanRun first = scans.run(ScanKind.HTTP, peer.url(), null);
            ScanRun untouched = scans.run(ScanKind.HTTP, other.url(), null);
            StoredFinding nosniff = only(scans.findings(first.id()), "http-nosniff-missing");
            StoredFinding csp = only(scans.findings(first.id()), "http-csp-missing");
            StoredFinding framing = only(scans.findings(first.id()), "http-framing-allowed");
            scans.falsePositive(framing.id(), "frames are wanted: this is a widget host");

            peer.respond(NOSNIFF + "X-Frame-Options: DENY\r\n");
            List<ScanRun> reruns = scans.rescan(List.of(nosniff.id(), csp.id(), framing.id()), 42L, null);

            assertThat(reruns).hasSize(1); // one (kind, target): one rerun
            assertThat(reruns.get(0).target()).isEqualTo(peer.url());
            StoredFinding fixed = scans.finding(nosniff.id()).orElseThrow();
            assertThat(fixed.state()).isEqualTo(FindingState.FIXED);
            assertThat(fixed.fixedByChangeSet()).isEqualTo(42L);
            assertThat(fixed.fixedInScan()).isEqualTo(reruns.get(0).id());
            StoredFinding stillOpen = scans.finding(csp.id()).orElseThrow();
            assertThat(stillOpen.state()).isEqualTo(FindingState.OPEN);
            assertThat(stillOpen.fixedByChangeSet()).isNull();
            assertThat(scans.finding(framing.id()).orElseThrow().state()).isEqualTo(FindingState.FALSE_POSITIVE);
            assertThat(scans.runs(other.url())).extracting(ScanRun::id).containsExactly(untouched.id());

            scans.reopen(nosniff.id());
            StoredFinding reopened = scans.finding(nosniff.id()).orElseThrow();
            assertThat(reopened.state()).isEqualTo(FindingState.OPEN);
            assertThat(reopened.fixedByChangeSet()).isNull();
        }
    }

    @Test
    void theBadgeIsTheWorstOpenSeverityPerHost() throws Exception {
        try (HttpPeer peer = new HttpPeer("")) {
            ScanRun run = scans.run(ScanKind.HTTP, peer.url(), null);
            List<StoredFinding> found = scans.findings(run.id());
            double worst = found.stream().mapToDouble(f -> f.finding().severity()).max().orElseThrow();
            assertThat(scans.worstOpenSeverity()).containsEntry("127.0.0.1", worst);
            StoredFinding top = found.get(0); // worst first
            assertThat(top.finding().severity()).isEqualTo(worst);
            scans.accept(top.id(), "known");
            double next = found.stream().skip(1).mapToDouble(f -> f.finding().severity()).max().orElseThrow();
            assertThat(scans.worstOpenSeverity()).containsEntry("127.0.0.1", next);
        }
    }

    @Test
    void aFailedScanIsStoredWithItsErrorAndFixesNothing() throws Exception {
        try (HttpPeer peer = new HttpPeer("")) {
            ScanRun ok = scans.run(ScanKind.HTTP, peer.url(), null);
            peer.respondRaw("SSH-2.0-OpenSSH_9.2\r\n\r\n"); // not HTTP: the scan fails after connecting
            ScanRun failed = scans.run(ScanKind.HTTP, peer.url(), null);
            assertThat(failed.error()).contains("not an HTTP response");
            assertThat(failed.findingCount()).isZero();
            assertThat(scans.findings(ok.id())).extracting(StoredFinding::state).containsOnly(FindingState.OPEN);
            assertThat(scans.history("127.0.0.1")).extracting(HistoryPoint::scanId).containsExactly(ok.id());
        }
    }

    @Test
    void refusedTargetsAndBadInputThrowAndStoreNothing() {
        // 192.0.2.1 (TEST-NET-1) is refused by the target policy before any socket is opened
        assertThatThrownBy(() -> scans.run(ScanKind.TLS, "192.0.2.1:443", null)).isInstanceOf(TargetRefusedException.class);
        assertThatThrownBy(() -> scans.run(ScanKind.HTTP, "ftp://127.0.0.1/", null)).hasMessageContaining("http://");
        assertThatThrownBy(() -> scans.run(ScanKind.HOST, "nosuchhost", null)).hasMessageContaining("hosts list");
        assertThatThrownBy(() -> scans.runAll(List.of("127.0.0.1", "192.0.2.1"), null)).isInstanceOf(TargetRefusedException.class);
        assertThat(scans.runs(null)).isEmpty();
        assertThatThrownBy(() -> scans.accept(999, "x")).hasMessageContaining("No finding 999").hasMessageContaining("findings list");
        assertThatThrownBy(() -> scans.compare(1, 2)).hasMessageContaining("No scan 1");
        assertThatThrownBy(() -> scans.rescan(List.of(7L), null, null)).hasMessageContaining("No finding 7");
    }

    @Test
    void aReasonIsRequiredToAcceptOrMarkFalsePositive() throws Exception {
        try (HttpPeer peer = new HttpPeer("")) {
            long id = scans.findings(scans.run(ScanKind.HTTP, peer.url(), null).id()).get(0).id();
            assertThatThrownBy(() -> scans.accept(id, " ")).hasMessageContaining("--reason");
            assertThatThrownBy(() -> scans.falsePositive(id, null)).hasMessageContaining("--reason");
            assertThat(scans.finding(id).orElseThrow().state()).isEqualTo(FindingState.OPEN);
        }
    }

    @Test
    void secretsInEvidenceAreMaskedBeforeTheyAreStored() {
        String evidence = "Set-Cookie: session=abc123secret\npassword=hunter2 token: 'tk-999'\nroot:$6$saltsalt$hashhashhashhash:19000\n"
                + "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk\n-----END OPENSSH PRIVATE KEY-----\nPasswordAuthentication yes";
        ScanRun run = scans.record(ScanKind.HOST, "web1", Instant.now(), 5, 80,
                List.of(new Finding("AUDIT-X", 5, "t", evidence, "why", "fix")), true);
        String stored = scans.findings(run.id()).get(0).finding().evidence();
        assertThat(stored).doesNotContain("abc123secret", "hunter2", "tk-999", "hashhashhash", "b3BlbnNzaC1rZXk")
                .contains("Set-Cookie: <redacted>", "PasswordAuthentication yes");
        assertThat(run.index()).isEqualTo(80);
    }

    @Test
    void oneCheckIdReportedForSeveralItemsIsOneFindingPerItem() {
        Finding a = new Finding("PORT-UNEXPECTED", 7.5, "3306 open", "3306/tcp open\nbanner", "w", "f");
        Finding b = new Finding("PORT-UNEXPECTED", 5.3, "8080 open", "8080/tcp open", "w", "f");
        ScanRun one = scans.record(ScanKind.PORTS, "127.0.0.1", Instant.now(), 1, null, List.of(a, b), true);
        List<StoredFinding> first = scans.findings(one.id());
        assertThat(first).hasSize(2);
        ScanRun two = scans.record(ScanKind.PORTS, "127.0.0.1", Instant.now(), 1, null, List.of(a, b), true);
        assertThat(scans.findings(two.id())).extracting(StoredFinding::id)
                .containsExactlyInAnyOrderElementsOf(first.stream().map(StoredFinding::id).toList());
        // a partial port scan (-p 22) proves nothing about 3306: nothing becomes fixed
        scans.record(ScanKind.PORTS, "127.0.0.1", Instant.now(), 1, null, List.of(), false);
        assertThat(scans.findings("127.0.0.1", true)).hasSize(2);
    }

    @Test
    void aPortScanIsStoredAgainstARealListener() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            PortScanResult r = new PortScanner(services.targets()).scan(List.of("127.0.0.1"),
                    PortScanner.Options.of(PortSet.parse(Integer.toString(s.getLocalPort())))).get(0);
            ScanRun run = scans.recordPorts("127.0.0.1", Instant.now(), r, false, org.clusterdeck.harden.Role.DB);
            assertThat(run.kind()).isEqualTo(ScanKind.PORTS);
            // judged as a database: nothing but SSH and 3306 (from its peers) should answer here
            assertThat(scans.findings(run.id())).extracting(f -> f.finding().id())
                    .containsExactly("PORT-UNEXPECTED-" + s.getLocalPort());
            assertThat(run.target()).isEqualTo("127.0.0.1");
            assertThat(run.elapsedMs()).isEqualTo(r.elapsedMs());
            assertThat(scans.runById(run.id())).contains(run);
        }
    }
}
