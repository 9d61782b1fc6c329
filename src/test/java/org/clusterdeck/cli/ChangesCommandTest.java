package org.clusterdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.clusterdeck.model.ChangeSet;
import org.clusterdeck.model.ChangeStep;
import org.clusterdeck.model.StepKind;
import org.clusterdeck.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code changes list|show|rollback|export} on recorded history (no host needed for these paths). */
class ChangesCommandTest {
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
    void listShowExportAndARollbackRefusedBecauseALaterChangeTouchedTheSameKey() throws Exception {
        long first;
        long second;
        try (Store store = Store.open(dir.resolve("data"))) {
            first = store.changes().create("web1", "tuning", "profile web", "gui", null, List.of(
                    new ChangeStep(1, StepKind.SYSCTL, "net.core.somaxconn", true, "4096", "8192", ChangeStep.APPLIED),
                    new ChangeStep(2, StepKind.FILE, "/etc/sysctl.d/99-clusterdeck.conf", false, null, "net.core.somaxconn = 8192\n",
                            ChangeStep.APPLIED)));
            store.changes().finish(first, ChangeSet.APPLIED, "ok");
            second = store.changes().create("web1", "tuning", "it's $(reboot)", "cli", null, List.of(
                    new ChangeStep(1, StepKind.SYSCTL, "net.core.somaxconn", true, "8192", "1024", ChangeStep.APPLIED)));
            store.changes().finish(second, ChangeSet.APPLIED, "ok");
            store.changes().finish(store.changes().create("db1", "tuning", "other host", "cli", null, List.of()), ChangeSet.APPLIED, "ok");
        }

        Run list = run("changes", "list", "--host", "web1", "--json");
        assertThat(list.code()).as(list.err()).isZero();
        var rows = new com.fasterxml.jackson.databind.ObjectMapper().readTree(list.out());
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("title").asText()).isEqualTo("it's $(reboot)");
        assertThat(run("changes", "list").out()).contains("db1", "web1");

        Run show = run("changes", "show", Long.toString(first));
        assertThat(show.code()).as(show.err()).isZero();
        assertThat(show.out()).contains("Change #" + first + " on web1: kernel tuning — profile web",
                "Step 1: SYSCTL net.core.somaxconn (applied)", "-4096\n+8192\n", "--- /dev/null\n+++ after/etc/sysctl.d/99-clusterdeck.conf");

        Run refused = run("changes", "rollback", Long.toString(first));
        assertThat(refused.code()).isEqualTo(Cli.FAILED);
        assertThat(refused.err()).contains("Change #" + first + " on web1 cannot be rolled back: change #" + second
                + " (kernel tuning, cli) later changed net.core.somaxconn", "--force");

        Run sh = run("changes", "export", "--host", "web1", "--format", "sh");
        assertThat(sh.code()).as(sh.err()).isZero();
        assertThat(sh.out()).startsWith("#!/bin/sh\n").contains("set -eu", "set_sysctl net.core.somaxconn 1024")
                .doesNotContain("set_sysctl net.core.somaxconn 8192")
                .contains("write_file /etc/sysctl.d/99-clusterdeck.conf 'net.core.somaxconn = 8192\n'")
                .contains("#   #" + second + " web1, kernel tuning: it's $(reboot) (cli,");

        Path out = dir.resolve("play.yml");
        Run ansible = run("changes", "export", Long.toString(first), "--format", "ansible", "--out", out.toString());
        assertThat(ansible.code()).as(ansible.err()).isZero();
        assertThat(Files.readString(out)).contains("hosts: all", "ansible.builtin.copy:", "ansible.builtin.command:",
                "content: !unsafe \"net.core.somaxconn = 8192\\n\"");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).isEqualTo("rw-------");

        Run bad = run("changes", "export", "--format", "zip", "--host", "web1");
        assertThat(bad.code()).isEqualTo(Cli.USAGE);
        assertThat(bad.err()).contains("Unknown format 'zip': use --format sh or --format ansible.");
    }
}
