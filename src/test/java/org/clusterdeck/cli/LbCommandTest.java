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
import org.clusterdeck.lab.LabSize;
import org.clusterdeck.lb.LbDeploy;
import org.clusterdeck.model.Backend;
import org.clusterdeck.model.LoadBalancer;
import org.clusterdeck.remote.KnownHosts;
import org.clusterdeck.remote.RemoteCommand;
import org.clusterdeck.remote.SshShell;
import org.clusterdeck.store.DemoInventory;
import org.clusterdeck.store.Store;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lb} on the command line: the demo balancer shown and planned (the file alone) but never
 * contacted, an existing file checked (exit 1 with findings), and on lab hosts a plan with the diff
 * against the host's file, a deploy previewed, refused without --yes, applied, served through, and
 * rolled back.
 */
class LbCommandTest {
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
    void demoBalancerIsShownAndGeneratedButNeverDeployed() {
        Run list = run("lb", "list");
        assertThat(list.code()).as(list.err()).isZero();
        assertThat(list.out()).contains("frontend", "least_conn", "192.168.1.10:8080 weight 5", "192.168.1.11:8080 weight 3");

        Run show = run("lb", "show", "frontend");
        assertThat(show.code()).as(show.err()).isZero();
        assertThat(show.out()).contains("demo: never deployed", "least_conn", "keepalive 32").containsPattern("192.168.1.10:8080 +5 +3 +30 s +no");

        Run gen = run("lb", "plan", "frontend", "--tls", "lab");
        assertThat(gen.code()).as(gen.err()).isZero();
        assertThat(gen.out()).contains("least_conn;", "weight=5", "weight=3", "ssl_protocols TLSv1.2 TLSv1.3;", "guidelines 6.0")
                .doesNotContain("Diff against");
        assertThat(gen.err()).contains("demo load balancer", "no host contacted", "OCSP stapling is left off");

        for (String[] args : List.of(new String[] {"lb", "deploy", "frontend", "--yes"}, new String[] {"lb", "rollback", "frontend"})) {
            Run r = run(args);
            assertThat(r.code()).isEqualTo(Cli.FAILED);
            assertThat(r.err()).contains("frontend is a demo load balancer", "never connects", "lab up --cluster");
        }
        Run history = run("changes", "list");
        assertThat(history.out()).doesNotContain("load balancer");

        assertThat(run("lb", "show", "nosuch").err()).contains("No load balancer named 'nosuch'");
        Run badTls = run("lb", "plan", "frontend", "--tls", "$(reboot)\nx");
        assertThat(badTls.code()).isEqualTo(Cli.USAGE);
        assertThat(badTls.err()).contains("--tls").contains("use none, lab or files").doesNotContain("\nx");
    }

    @Test
    void checkFlagsTheSourcesFragmentAndPassesAGeneratedFile() throws Exception {
        Path source = dir.resolve("source.conf");
        try (var in = getClass().getResourceAsStream("/org/clusterdeck/lb/source-nginx.conf")) {
            Files.write(source, in.readAllBytes());
        }
        Run r = run("lb", "check", "--file", source.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(Cli.FAILED);
        assertThat(r.out()).contains("Model: upstream backend (least_conn, keepalive 0): 192.168.1.10:8080 weight 5, 192.168.1.11:8080 weight 3")
                .contains("WARNING line 11 proxy_set_header Keep-Alive").contains("fix: ").contains("problem(s).");

        Path good = dir.resolve("good.conf");
        Run gen = run("lb", "plan", "frontend");
        Files.writeString(good, gen.out());
        Run ok = run("lb", "check", "--file", good.toString(), "--json");
        assertThat(ok.code()).as(ok.out()).isZero();
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(ok.out()).get("problems").asBoolean()).isFalse();

        assertThat(run("lb", "check", "--file", dir.resolve("none.conf").toString()).err()).contains("No file");
        Run noFile = run("lb", "check");
        assertThat(noFile.code()).isEqualTo(Cli.USAGE);
        assertThat(noFile.err()).contains("--file");
    }

    @Nested
    @ExtendWith(LabExtension.class)
    @LabSize(3)
    class OnLabHosts {
        @Test
        void deployPreviewedRefusedWithoutYesAppliedServedAndRolledBack(LabHosts lab) throws Exception {
            Path data = dir.resolve("data");
            try (Store store = Store.open(data)) {
                DemoInventory.seedIfEmpty(store);
                new LabInventory(store, KnownHosts.inDataDir(data), new InventoryEvents(), "test").register(lab.hosts());
                long site = store.sites().findByName(LabInventory.SITE_NAME).orElseThrow().id();
                store.loadBalancers().insert(new LoadBalancer(0, site, "lab-lb", null, 80, lab.host(1).address(), "least_conn", null, List.of(
                        new Backend(0, 0, null, lab.host(2).address(), 80, 5, 3, 30, false),
                        new Backend(0, 0, null, lab.host(3).address(), 80, 3, 3, 30, false))));
            }
            for (int n = 2; n <= 3; n++) {
                assertThat(lab.exec(n, "sh", "-c", "printf '%s\\n' \"$1\" > /var/www/html/index.html", "page", "backend-" + n).ok()).isTrue();
            }
            String before;
            try (SshShell sh = lab.shell(1)) {
                before = sh.run(RemoteCommand.of("cat", LbDeploy.LIVE)).stdout();
            }

            Run plan = run("lb", "plan", "lab-lb", "--tls", "lab");
            assertThat(plan.code()).as(plan.out() + plan.err()).isZero();
            assertThat(plan.out()).contains("least_conn;", "Diff against " + LbDeploy.LIVE, "+        least_conn;");
            assertThat(plan.err()).contains("OCSP stapling off");

            Run refused = run("lb", "deploy", "lab-lb", "--tls", "lab");
            assertThat(refused.code()).isEqualTo(Cli.FAILED);
            assertThat(refused.out()).contains("Diff against " + LbDeploy.LIVE, "+        least_conn;", "nginx -t -q -c " + LbDeploy.CANDIDATE,
                    "systemctl reload-or-restart -- nginx", "OCSP stapling off");
            assertThat(refused.err()).contains("Nothing was changed").contains("--yes");

            Run deploy = run("lb", "deploy", "lab-lb", "--tls", "lab", "--yes");
            assertThat(deploy.code()).as(deploy.out() + deploy.err()).isZero();
            assertThat(deploy.out()).contains(": applied.", "lb rollback lab-lb");
            try (SshShell sh = lab.shell(1)) {
                String body = sh.run(RemoteCommand.of("curl", "-f", "-k", "-s", "https://127.0.0.1/")).stdout();
                assertThat(body).startsWith("backend-");
                assertThat(sh.run(RemoteCommand.of("cat", LbDeploy.LIVE)).stdout()).contains("ssl_certificate /etc/nginx/clusterdeck-tls/lb.crt;");
            }
            Run again = run("lb", "deploy", "lab-lb", "--tls", "lab", "--yes");
            assertThat(again.out()).contains("Nothing to change");

            // exported while applied (a rolled-back set is not exported); the key never appears in it
            Run export = run("changes", "export", "--host", lab.host(1).name(), "--format", "sh");
            assertThat(export.out()).contains("nginx -t -q -c").doesNotContain("PRIVATE KEY");

            Run back = run("lb", "rollback", "lab-lb");
            assertThat(back.code()).as(back.out() + back.err()).isZero();
            assertThat(back.out()).contains("rolled back");
            try (SshShell sh = lab.shell(1)) {
                assertThat(sh.run(RemoteCommand.of("cat", LbDeploy.LIVE)).stdout()).isEqualTo(before);
            }
        }
    }
}
