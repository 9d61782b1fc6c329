package org.clusterdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.clusterdeck.db.ReplicationSetup;
import org.clusterdeck.inventory.InventoryEvents;
import org.clusterdeck.lab.LabExtension;
import org.clusterdeck.lab.LabHosts;
import org.clusterdeck.lab.LabInventory;
import org.clusterdeck.lab.LabSize;
import org.clusterdeck.lab.LocalCommand;
import org.clusterdeck.model.DatabaseNode;
import org.clusterdeck.remote.KnownHosts;
import org.clusterdeck.store.DemoInventory;
import org.clusterdeck.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replication on two lab hosts with real MariaDB: set up through the CLI (two change sets), a row
 * written on the primary read on the replica within the source's 1 s, a stopped IO thread shown by
 * status, and both change sets rolled back to hosts without replication.
 */
@ExtendWith(LabExtension.class)
@LabSize(2)
class ReplicationLabTest {
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
    void setUpReplicatedWithinASecondStatusShowsAStoppedThreadRolledBack(LabHosts lab) throws Exception {
        for (int n = 1; n <= 2; n++) {
            // @LabSize hosts are not of role db, so the lab masks the database units; this test unmasks and starts mariadb
            LocalCommand.Result up = lab.exec(n, "sh", "-c", "systemctl unmask mariadb.service && systemctl start mariadb.service");
            assertThat(up.ok()).as("mariadb on lab host " + n + ": " + up.stderr()).isTrue();
        }
        Path data = dir.resolve("data");
        String p = lab.host(1).name();
        String r = lab.host(2).name();
        try (Store store = Store.open(data)) {
            DemoInventory.seedIfEmpty(store);
            new LabInventory(store, KnownHosts.inDataDir(data), new InventoryEvents(), "test").register(lab.hosts());
            long site = store.sites().findByName(LabInventory.SITE_NAME).orElseThrow().id();
            DatabaseNode primary = store.databases().insert(new DatabaseNode(0, site, "lab-" + p, "mariadb", null, "primary", null, 3306, null));
            store.databases().insert(new DatabaseNode(0, site, "lab-" + r, "mariadb", null, "replica", null, 3306, primary.id()));
        }

        Run setup = run("replication", "setup", "--primary", p, "--replica", r, "--yes");
        assertThat(setup.code()).as(setup.out() + setup.err()).isZero();
        assertThat(setup.out()).contains("MASTER_USE_GTID=slave_pos", ": applied.");
        List<String> ids = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("change #(\\d+) on").matcher(setup.out());
        while (m.find()) {
            ids.add(m.group(1));
        }
        assertThat(ids).hasSize(2);
        for (int n = 1; n <= 2; n++) {
            assertThat(lab.exec(n, "test", "-e", ReplicationSetup.PASSWORD_FILE).ok()).as("password file removed").isFalse();
        }

        // the password the replica uses (mariadb keeps it in its own master.info, line 6) is nowhere in ClusterDeck's data
        String password = lab.exec(2, "sed", "-n", "6p", "/var/lib/mysql/master.info").stdout().strip();
        assertThat(password).matches("[A-Za-z0-9]{32}");
        try (var files = java.nio.file.Files.walk(data)) {
            for (Path f : files.filter(java.nio.file.Files::isRegularFile).toList()) {
                assertThat(new String(java.nio.file.Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1))
                        .as(f.toString()).doesNotContain(password);
            }
        }
        assertThat(setup.out() + setup.err()).doesNotContain(password);

        String value = "row-" + System.nanoTime();
        assertThat(lab.exec(1, "mariadb", "-e", "CREATE DATABASE IF NOT EXISTS cdtest; CREATE TABLE IF NOT EXISTS cdtest.t"
                + " (v VARCHAR(64) PRIMARY KEY); INSERT INTO cdtest.t VALUES ('" + value + "')").ok()).isTrue();
        long start = System.nanoTime();
        boolean seen = false;
        while (!seen && System.nanoTime() - start < 1_000_000_000L) {
            seen = lab.exec(2, "mariadb", "-N", "-B", "-e", "SELECT v FROM cdtest.t").stdout().contains(value);
        }
        assertThat(seen).as("the row on the replica within 1 s").isTrue();

        Run ok = run("replication", "status", "--json");
        assertThat(ok.code()).as(ok.out() + ok.err()).isZero();
        assertThat(ok.out().replaceAll("\\s+", "")).contains("\"ioRunning\":true", "\"sqlRunning\":true", "\"lastError\":\"\"");

        assertThat(lab.exec(2, "mariadb", "-e", "STOP REPLICA IO_THREAD").ok()).isTrue();
        Run stopped = run("replication", "status");
        assertThat(stopped.code()).isEqualTo(Cli.FAILED);
        assertThat(stopped.out()).containsPattern("lab-" + p + ".*lab-" + r + " +stopped +running");

        for (String id : List.of(ids.get(1), ids.get(0))) {
            Run back = run("changes", "rollback", id);
            assertThat(back.code()).as(back.out() + back.err()).isZero();
        }
        for (int n = 1; n <= 2; n++) {
            assertThat(lab.exec(n, "test", "-e", ReplicationSetup.CNF).ok()).isFalse();
        }
        assertThat(lab.exec(2, "mariadb", "-B", "-e", "SHOW REPLICA STATUS").stdout()).isBlank();
        assertThat(lab.exec(1, "mariadb", "-N", "-B", "-e", "SELECT COUNT(*) FROM mysql.user WHERE user='" + ReplicationSetup.USER + "'")
                .stdout().strip()).isEqualTo("0");
    }
}
