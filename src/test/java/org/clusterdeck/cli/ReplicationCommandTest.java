package org.clusterdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code replication} on the command line. */
class ReplicationCommandTest {
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
    void checkFlagsTheSourcesSqlAndPassesCleanSql() throws Exception {
        Run bad = run("replication", "check", "--file", "src/test/resources/replication/source-replication.sql");
        assertThat(bad.code()).as(bad.err()).isEqualTo(Cli.FAILED);
        assertThat(bad.out()).contains("ERROR statement 2 log_bin_trx_id: No server variable", "fix: Use log_bin",
                "WARNING statement", "SHOW PROCESSLIST", "SHOW REPLICA STATUS", "problem(s).");
        Run json = run("replication", "check", "--file", "src/test/resources/replication/source-replication.sql", "--json");
        assertThat(json.code()).isEqualTo(Cli.FAILED);
        assertThat(json.out().replaceAll("\\s+", "")).contains("\"problems\":true", "\"subject\":\"log_bin_trx_idgraph\"");

        Path good = Files.writeString(dir.resolve("good.sql"), "STOP REPLICA;\nSET GLOBAL read_only = ON;\nSTART REPLICA;\n");
        Run ok = run("replication", "check", "--file", good.toString());
        assertThat(ok.code()).as(ok.out() + ok.err()).isZero();
        assertThat(ok.out()).contains("No problems.");

        Run missing = run("replication", "check", "--file", dir.resolve("nosuch.sql").toString());
        assertThat(missing.code()).isEqualTo(Cli.FAILED);
        assertThat(missing.err()).contains("No file", "nosuch.sql");
    }

    @Test
    void statusNeverConnectsToTheDemo() {
        for (String[] args : List.of(new String[] {"replication", "status"}, new String[] {"replication", "status", "--json"},
                new String[] {"replication", "status", "--site", "Demo lab"})) {
            Run r = run(args);
            assertThat(r.code()).as(String.join(" ", args) + r.err()).isEqualTo(Cli.FAILED);
            assertThat(r.err()).contains("is the demo", "never connects", "lab up --cluster");
        }
        assertThat(run("changes", "list").out() + run("jobs", "list").out()).doesNotContain("Replication status");
        Run none = run("replication", "status", "--site", "$(reboot)\nx");
        assertThat(none.err()).contains("No site named").doesNotContain("\nx");
    }

    @Test
    void setupRefusesDemoHostsBeforeAnyConnection() {
        Run r = run("replication", "setup", "--primary", "pve1", "--replica", "pve2", "--yes");
        assertThat(r.code()).isEqualTo(Cli.FAILED);
        assertThat(r.err()).contains("pve1 is a demo host", "never connects", "lab up --cluster");
        assertThat(run("changes", "list").out()).doesNotContain("replication");
        assertThat(run("replication", "setup", "--primary", "nosuch", "--replica", "pve2").code()).isNotZero();
    }
}
