package org.clusterdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.clusterdeck.inventory.InventoryEvents;
import org.clusterdeck.lab.LabCluster;
import org.clusterdeck.lab.LabExtension;
import org.clusterdeck.lab.LabHosts;
import org.clusterdeck.lab.LabInventory;
import org.clusterdeck.lb.LbDeploy;
import org.clusterdeck.model.ChangeSet;
import org.clusterdeck.remote.CommandResult;
import org.clusterdeck.remote.KnownHosts;
import org.clusterdeck.remote.RemoteCommand;
import org.clusterdeck.remote.SshShell;
import org.clusterdeck.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code lab up --cluster --configure} does after the cluster is up, on the real cluster lab:
 * the load balancer deployed to lb1 as an ordinary change set, then {@value #REQUESTS} requests
 * through it (HTTPS on one keep-alive connection, sent on lb1 to itself) split between web1 and web2
 * within 5 % of the weights 5:3, counted in the backends' own access logs. A second configure
 * changes nothing. The requests go one after another on purpose: least_conn applies the weights
 * among backends with equally many active connections (here always); with 8 requests at a time it
 * balances active connections instead and the split measured 4567:3433, so a concurrent run would
 * test least_conn's load-following, not the 5:3 weights.
 */
@ExtendWith(LabExtension.class)
@LabCluster
class LabConfigureLabTest {
    /** The issue's figure; on lb1 they take a few seconds (HTTPS keep-alive). */
    static final int REQUESTS = 8000;

    @TempDir
    Path dir;

    private String configure(Path data) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        try (Cli cli = new Cli(Map.of(), new PrintWriter(out, true), new PrintWriter(err, true))) {
            cli.setDataDir(data);
            LabConfigure.configure(cli);
        }
        return out + err.toString();
    }

    private static long accessLogLines(SshShell sh) {
        CommandResult r = sh.run(RemoteCommand.of("sh", "-c", "cat /var/log/nginx/access.log 2>/dev/null | wc -l"));
        assertThat(r.ok()).as(r.stderr()).isTrue();
        return Long.parseLong(r.stdout().strip());
    }

    @Test
    void configureDeploysTheBalancerAndRequestsSplitFiveToThree(LabHosts lab) throws Exception {
        Path data = dir.resolve("data");
        try (Store store = Store.open(data)) {
            new LabInventory(store, KnownHosts.inDataDir(data), new InventoryEvents(), "test").register(lab.hosts(), true);
        }
        String first = configure(data);
        assertThat(first).contains("Load balancer lab-frontend on " + lab.host(1).name() + ": change #", ": applied.",
                "lb rollback lab-frontend", "Replication db1 -> db2: not part of --configure yet");
        try (Store store = Store.open(data)) {
            List<ChangeSet> changes = store.changes().list(lab.host(1).name(), 10);
            assertThat(changes).hasSize(1);
            assertThat(changes.get(0).feature()).isEqualTo(LbDeploy.FEATURE);
            assertThat(changes.get(0).state()).isEqualTo(ChangeSet.APPLIED);
            assertThat(changes.get(0).undoable()).isTrue();
        }

        long[] before = new long[2];
        for (int i = 0; i < 2; i++) {
            try (SshShell web = lab.shell(2 + i)) {
                before[i] = accessLogLines(web);
            }
        }
        try (SshShell lb = lab.shell(1)) {
            String conf = lb.run(RemoteCommand.of("cat", LbDeploy.LIVE)).stdout();
            assertThat(conf).contains("least_conn;", lab.host(2).address() + ":80 weight=5", lab.host(3).address() + ":80 weight=3",
                    "ssl_protocols TLSv1.2 TLSv1.3;");
            long start = System.nanoTime();
            CommandResult burst = lb.run(RemoteCommand.of("sh", "-c", "curl -k -s --max-time 50"
                    + " -o /dev/null -w '%{http_code}\\n' \"https://127.0.0.1/?n=[1-$1]\" | sort | uniq -c", "burst",
                    Integer.toString(REQUESTS)).withTimeout(Duration.ofMinutes(2)));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertThat(burst.stdout().strip()).as(burst.stderr()).isEqualTo(REQUESTS + " 200");
            System.out.println("LabConfigureLabTest: " + REQUESTS + " HTTPS requests through " + lab.host(1).name() + " in " + ms + " ms");
        }
        long[] served = new long[2];
        for (int i = 0; i < 2; i++) {
            try (SshShell web = lab.shell(2 + i)) {
                served[i] = accessLogLines(web) - before[i];
            }
        }
        System.out.println("LabConfigureLabTest: web1 " + served[0] + ", web2 " + served[1]);
        assertThat(served[0] + served[1]).as("every request reached a backend, once").isEqualTo(REQUESTS);
        double ratio = (double) served[0] / served[1];
        assertThat(Math.abs(ratio / (5.0 / 3.0) - 1)).as("web1:web2 = " + served[0] + ":" + served[1] + " against 5:3").isLessThanOrEqualTo(0.05);

        String again = configure(data);
        assertThat(again).contains("already configured, nothing changed");
    }
}
