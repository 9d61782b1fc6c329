package org.clusterdeck.lb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.clusterdeck.change.ChangeEngine;
import org.clusterdeck.change.ChangeExport;
import org.clusterdeck.lab.LabExtension;
import org.clusterdeck.lab.LabHosts;
import org.clusterdeck.lab.LabSize;
import org.clusterdeck.model.Backend;
import org.clusterdeck.model.ChangeSet;
import org.clusterdeck.model.ChangeStep;
import org.clusterdeck.model.LoadBalancer;
import org.clusterdeck.remote.RemoteCommand;
import org.clusterdeck.remote.SshShell;
import org.clusterdeck.store.Store;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Deploys to a real lab host (lab1) in front of two lab hosts whose own nginx serves a page naming
 * them (lab2 weight 5, lab3 weight 3): requests through the load balancer split 5:3; a candidate
 * nginx refuses never replaces the working file; a deploy whose health check fails is restored and
 * reloaded by itself; TLS with a lab certificate made on the host; rollback and export.
 */
@ExtendWith(LabExtension.class)
@LabSize(3)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LbDeployLabTest {
    private static final Store STORE = Store.inMemory("lb-deploy");
    private static final ChangeEngine ENGINE = ChangeEngine.create(STORE, "test");
    private static String working;
    private static ChangeSet first;

    private static LbConfig config(LabHosts lab, int port2, int port3) {
        return LbTopology.config(new LoadBalancer(0, 0, "lab-frontend", null, 80, "lb.lab.test", "least_conn", null, List.of(
                new Backend(0, 0, null, lab.host(2).address(), port2, 5, 3, 30, false),
                new Backend(0, 0, null, lab.host(3).address(), port3, 3, 3, 30, false))));
    }

    private static String run(SshShell sh, String... argv) {
        return sh.run(RemoteCommand.of(argv)).stdout();
    }

    /** Which backend answered each of {@code n} requests made on the load balancer host to {@code url}. */
    private static Map<String, Integer> split(SshShell sh, String url, int n) {
        String out = sh.run(RemoteCommand.of("sh", "-c", "for i in $(seq 1 \"$2\"); do curl -f -k -s --max-time 3 \"$1\" || echo '(none)'; done", "split", url,
                Integer.toString(n)).withTimeout(java.time.Duration.ofMinutes(2))).stdout();
        Map<String, Integer> counts = new TreeMap<>();
        out.lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(l -> counts.merge(l, 1, Integer::sum));
        return counts;
    }

    /** nginx reloads in the background (old workers finish with the old file): waits until a request reaches a backend, at most 5 s. */
    /**
     * Waits (up to 10 s) until 5 requests in a row are served 200 by a backend: after a reload the
     * old workers answer with the old configuration (e.g. a 308 redirect) until they have exited.
     */
    private static void awaitReloaded(SshShell sh, String url) throws InterruptedException {
        int inARow = 0;
        for (int i = 0; i < 40 && inARow < 5; i++) {
            boolean served = sh.run(RemoteCommand.of("curl", "-k", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "2", url))
                    .stdout().strip().equals("200");
            inARow = served ? inARow + 1 : 0;
            if (!served) {
                Thread.sleep(250);
            }
        }
    }

    private static void prepareBackends(LabHosts lab) {
        for (int n = 2; n <= 3; n++) {
            assertThat(lab.exec(n, "sh", "-c", "printf '%s\\n' \"$1\" > /var/www/html/index.html", "page", "backend-" + lab.host(n).name()).ok()).isTrue();
        }
    }

    @Test
    @Order(1)
    void deploysAndRequestsThroughTheLoadBalancerSplitFiveToThree(LabHosts lab) throws Exception {
        prepareBackends(lab);
        try (SshShell sh = lab.shell(1)) {
            LbDeploy.Plan plan = LbDeploy.plan(sh, config(lab, 80, 80), LbDeploy.CertSource.NONE, List.of());
            assertThat(plan.diff()).contains("--- before/" + LbDeploy.LIVE).contains("+        least_conn;");
            assertThat(plan.commands()).anySatisfy(c -> assertThat(c).contains("nginx -t -q -c " + LbDeploy.CANDIDATE));
            assertThat(plan.notes()).anySatisfy(n -> assertThat(n).contains("was not written by ClusterDeck"));
            first = LbDeploy.apply(ENGINE, sh, plan, false, null);
            assertThat(first.state()).isEqualTo(ChangeSet.APPLIED);
            working = run(sh, "cat", LbDeploy.LIVE);
            assertThat(working).isEqualTo(plan.text());
            assertThat(sh.run(RemoteCommand.of("test", "-e", LbDeploy.CANDIDATE)).ok()).as("candidate removed").isFalse();

            Map<String, Integer> counts = split(sh, "http://127.0.0.1/", 80);
            String b2 = "backend-" + lab.host(2).name();
            String b3 = "backend-" + lab.host(3).name();
            assertThat(counts.keySet()).containsExactlyInAnyOrder(b2, b3);
            // 80 sequential requests: least_conn with no connection busy falls back to weighted round robin, 50:30
            assertThat(counts.get(b2)).isBetween(48, 52);
            assertThat(counts.get(b3)).isBetween(28, 32);

            // a backend stopped: nginx passes its requests to the other (proxy_next_upstream), none fails
            assertThat(lab.exec(3, "systemctl", "stop", "nginx").ok()).isTrue();
            try {
                assertThat(split(sh, "http://127.0.0.1/", 16)).containsOnlyKeys(b2).containsEntry(b2, 16);
            } finally {
                assertThat(lab.exec(3, "systemctl", "start", "nginx").ok()).isTrue();
            }

            // the same model again: the file is unchanged
            assertThat(LbDeploy.plan(sh, config(lab, 80, 80), LbDeploy.CertSource.NONE, List.of()).diff()).isEmpty();
        }
    }

    @Test
    @Order(2)
    void aCandidateNginxRefusesNeverReplacesTheWorkingFile(LabHosts lab) {
        try (SshShell sh = lab.shell(1)) {
            LbConfig bad = config(lab, 80, 80);
            Upstream u = bad.upstream();
            bad = bad.withUpstream(new Upstream(u.name(), u.balance(), null, false,
                    List.of(u.servers().get(0), UpstreamServer.of("no-such-backend.invalid", 80)), u.keepalive()));
            LbDeploy.Plan plan = LbDeploy.plan(sh, bad, LbDeploy.CertSource.NONE, List.of());
            assertThatThrownBy(() -> LbDeploy.apply(ENGINE, sh, plan, false, null)).hasMessageContaining("nginx -t")
                    .hasMessageContaining("Every earlier step was undone");
            assertThat(run(sh, "cat", LbDeploy.LIVE)).isEqualTo(working);
            assertThat(sh.run(RemoteCommand.of("test", "-e", LbDeploy.CANDIDATE)).ok()).isFalse();
            assertThat(STORE.changes().list(lab.host(1).name(), 1).get(0).state()).isEqualTo(ChangeSet.FAILED);
            assertThat(split(sh, "http://127.0.0.1/", 4)).doesNotContainKey("(none)");
        }
    }

    @Test
    @Order(3)
    void aDeployWhoseHealthCheckFailsIsRestoredAndReloadedByItself(LabHosts lab) throws Exception {
        try (SshShell sh = lab.shell(1)) {
            // nginx accepts it, but nothing listens on port 9 of the backends: every request through it is a 502
            LbDeploy.Plan plan = LbDeploy.plan(sh, config(lab, 9, 9), LbDeploy.CertSource.NONE, List.of());
            assertThatThrownBy(() -> LbDeploy.apply(ENGINE, sh, plan, false, null)).hasMessageContaining("health check")
                    .hasMessageContaining("no backend answered");
            ChangeSet failed = STORE.changes().list(lab.host(1).name(), 1).get(0);
            assertThat(failed.state()).isEqualTo(ChangeSet.FAILED);
            assertThat(failed.steps()).filteredOn(s -> s.target().equals(LbDeploy.LIVE)).extracting(ChangeStep::state)
                    .containsOnly(ChangeStep.ROLLED_BACK);
            assertThat(run(sh, "cat", LbDeploy.LIVE)).isEqualTo(working);
            awaitReloaded(sh, "http://127.0.0.1/");
            Map<String, Integer> counts = split(sh, "http://127.0.0.1/", 8);
            assertThat(counts).as("served by the backends again after the automatic reload").doesNotContainKey("(none)").hasSize(2);
        }
    }

    @Test
    @Order(4)
    void tlsWithALabCertificateThenRollbackAndExport(LabHosts lab) throws Exception {
        try (SshShell sh = lab.shell(1)) {
            LbDeploy.Plan plan = LbDeploy.plan(sh, config(lab, 80, 80), LbDeploy.CertSource.LAB, List.of());
            assertThat(plan.notes()).anySatisfy(n -> assertThat(n).contains("OCSP stapling off"));
            assertThat(plan.text()).contains("ssl_certificate " + LbCertificates.LAB_CERT, "return 308 https://");
            ChangeSet tls = LbDeploy.apply(ENGINE, sh, plan, false, null);
            assertThat(tls.state()).isEqualTo(ChangeSet.APPLIED);
            assertThat(run(sh, "stat", "-c", "%a", LbCertificates.LAB_KEY).strip()).isEqualTo("600");
            assertThat(run(sh, "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "http://127.0.0.1/")).isEqualTo("308");
            Map<String, Integer> counts = split(sh, "https://127.0.0.1/", 8);
            assertThat(counts).hasSize(2).doesNotContainKey("(none)");
            assertThat(run(sh, "curl", "-k", "-s", "-D", "-", "-o", "/dev/null", "https://127.0.0.1/"))
                    .contains("Strict-Transport-Security: max-age=63072000; includeSubDomains").doesNotContain("preload");
            // sslscan on the host: only TLS 1.2 and 1.3, and only Mozilla intermediate's suites
            String scan = run(sh, "sslscan", "--no-colour", "127.0.0.1:443");
            assertThat(scan).contains("TLSv1.0   disabled", "TLSv1.1   disabled", "TLSv1.2   enabled", "TLSv1.3   enabled");
            List<String> suites = scan.lines().filter(l -> l.startsWith("Accepted") || l.startsWith("Preferred"))
                    .map(l -> l.trim().split("\\s+")[4]).toList();
            assertThat(suites).isNotEmpty().allSatisfy(c -> assertThat(c).isIn(
                    java.util.stream.Stream.concat(TlsProfile.INTERMEDIATE.ciphers().stream(),
                            java.util.stream.Stream.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256")).toList()));
            String key = run(sh, "cat", LbCertificates.LAB_KEY);
            assertThat(key).contains("PRIVATE KEY");
            // the key is on the host only: not in the change history, nor the export
            String export = ChangeExport.export(List.of(first, tls), ChangeExport.Format.SH);
            for (ChangeSet cs : STORE.changes().list(lab.host(1).name(), 20)) {
                assertThat(cs.steps()).allSatisfy(s -> assertThat(String.valueOf(s.before()) + s.after()).doesNotContain("PRIVATE KEY"));
            }
            assertThat(export).doesNotContain("PRIVATE KEY").contains("nginx -t -q -c");

            ChangeSet back = ENGINE.restore(tls.id(), sh, null);
            assertThat(back.state()).isEqualTo(ChangeSet.ROLLED_BACK);
            assertThat(run(sh, "cat", LbDeploy.LIVE)).isEqualTo(working);
            assertThat(sh.run(RemoteCommand.of("test", "-e", LbCertificates.LAB_DIR)).ok()).as("lab certificate removed").isFalse();
            awaitReloaded(sh, "http://127.0.0.1/");
            assertThat(split(sh, "http://127.0.0.1/", 8)).hasSize(2).doesNotContainKey("(none)");

            // and the first deploy rolled back too: the host's own nginx.conf is back
            ChangeSet orig = ENGINE.restore(first.id(), sh, null);
            assertThat(orig.state()).isEqualTo(ChangeSet.ROLLED_BACK);
            assertThat(run(sh, "cat", LbDeploy.LIVE)).doesNotStartWith(NginxGenerator.HEADER);
        }
    }
}
