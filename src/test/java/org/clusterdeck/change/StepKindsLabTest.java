package org.clusterdeck.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.clusterdeck.lab.LabExtension;
import org.clusterdeck.lab.LabHosts;
import org.clusterdeck.lab.LabSize;
import org.clusterdeck.model.ChangeSet;
import org.clusterdeck.model.ChangeStep;
import org.clusterdeck.model.StepKind;
import org.clusterdeck.remote.RemoteCommand;
import org.clusterdeck.remote.SshShell;
import org.clusterdeck.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The step kinds hardening is made of, on a real lab host: ClusterDeck's own nftables table
 * (checked by nft before it applies, stored as the host lists it, removed exactly on rollback),
 * a command with its undo and a service reload in one change set (the reload runs again after the
 * files are restored), and a multi-step guarded change that the host reverts by itself.
 */
@ExtendWith(LabExtension.class)
@LabSize(1)
class StepKindsLabTest {
    private static final String TABLE = "table inet clusterdeck {\n  chain input {\n    type filter hook input priority 0; policy accept;\n"
            + "    tcp dport 8089 counter drop\n  }\n}\n";
    private static final String MARK = "/etc/clusterdeck-test/marker";

    private static String run(SshShell sh, String... argv) {
        return sh.run(RemoteCommand.of(argv)).stdout();
    }

    @Test
    void nftTableAppliesAfterTheHostsParserAcceptsItAndRollsBackToNoTable(LabHosts lab) {
        try (Store store = Store.inMemory("steps-nft"); SshShell sh = lab.shell(1)) {
            ChangeEngine engine = ChangeEngine.create(store, "test");
            assertThat(StepActions.read(sh, StepKind.FIREWALL, StepActions.NFT)).as("no table before").isBlank();

            assertThatThrownBy(() -> engine.apply(sh, "firewall", "broken", List.of(new ChangeEngine.Planned(StepKind.FIREWALL,
                    StepActions.NFT, "table inet clusterdeck {\n chain input { tcp dport 99999 drop }\n}\n")), null))
                    .hasMessageContaining("nft");
            assertThat(run(sh, "nft", "list", "tables")).doesNotContain("clusterdeck");

            ChangeSet cs = engine.apply(sh, "firewall", "drop 8089", List.of(new ChangeEngine.Planned(StepKind.FIREWALL, StepActions.NFT, TABLE)), null);
            assertThat(cs.state()).isEqualTo(ChangeSet.APPLIED);
            assertThat(run(sh, "nft", "list", "table", "inet", "clusterdeck")).contains("tcp dport 8089");
            assertThat(cs.steps().get(0).after()).as("stored as the host lists it").contains("tcp dport 8089").contains("counter packets");

            ChangeSet back = engine.restore(cs.id(), sh, null);
            assertThat(back.state()).isEqualTo(ChangeSet.ROLLED_BACK);
            assertThat(run(sh, "nft", "list", "tables")).doesNotContain("clusterdeck");

            // the exported script, run by hand on the host, makes the same table (and a second run keeps it)
            String script = ChangeExport.export(List.of(cs), ChangeExport.Format.SH);
            for (int i = 0; i < 2; i++) {
                assertThat(sh.run(RemoteCommand.of("sh", "-s").withStdin(script)).exitCode()).isZero();
            }
            assertThat(StepActions.same(StepKind.FIREWALL, StepActions.read(sh, StepKind.FIREWALL, StepActions.NFT), cs.steps().get(0).after())).isTrue();
            sh.run(RemoteCommand.of("nft", "delete", "table", "inet", "clusterdeck"));
        }
    }

    @Test
    void commandUndoAndReloadRunAgainAfterFilesAreRestored(LabHosts lab) {
        try (Store store = Store.inMemory("steps-cmd"); SshShell sh = lab.shell(1)) {
            ChangeEngine engine = ChangeEngine.create(store, "test");
            sh.run(RemoteCommand.of("rm", "-rf", "/etc/clusterdeck-test", "/run/clusterdeck-test-flag"));
            String pidBefore = run(sh, "systemctl", "show", "-p", "MainPID", "--value", "nginx").strip();
            ChangeSet cs = engine.apply(sh, "test", "file, command, reload", List.of(
                    new ChangeEngine.Planned(StepKind.FILE, MARK, "it's \"quoted\" $(not run)\n"),
                    ChangeEngine.Planned.command("flag", List.of("touch", "/run/clusterdeck-test-flag"), List.of("rm", "-f", "/run/clusterdeck-test-flag")),
                    ChangeEngine.Planned.reload("nginx", "restart")), null);
            assertThat(cs.state()).isEqualTo(ChangeSet.APPLIED);
            assertThat(run(sh, "cat", MARK)).isEqualTo("it's \"quoted\" $(not run)\n");
            assertThat(sh.run(RemoteCommand.of("test", "-e", "/run/clusterdeck-test-flag")).ok()).isTrue();
            String pidAfter = run(sh, "systemctl", "show", "-p", "MainPID", "--value", "nginx").strip();
            assertThat(pidAfter).as("nginx restarted").isNotEqualTo(pidBefore).isNotEqualTo("0");

            ChangeSet back = engine.restore(cs.id(), sh, null);
            assertThat(back.state()).isEqualTo(ChangeSet.ROLLED_BACK);
            assertThat(back.steps()).extracting(ChangeStep::state).containsOnly(ChangeStep.ROLLED_BACK);
            assertThat(sh.run(RemoteCommand.of("test", "-e", MARK)).ok()).as("the file did not exist before").isFalse();
            assertThat(sh.run(RemoteCommand.of("test", "-e", "/run/clusterdeck-test-flag")).ok()).as("the undo ran").isFalse();
            assertThat(run(sh, "systemctl", "show", "-p", "MainPID", "--value", "nginx").strip()).as("restarted again after the restore")
                    .isNotEqualTo(pidAfter).isNotEqualTo("0");
        }
    }

    @Test
    void multiStepGuardedChangeIsRevertedByTheHostWhenNoNewLoginSucceeds(LabHosts lab) {
        Duration t = Duration.ofSeconds(10);
        try (Store store = Store.inMemory("steps-guard"); SshShell sh = lab.shell(1)) {
            sh.run(RemoteCommand.of("rm", "-rf", "/etc/clusterdeck-test"));
            sh.run(RemoteCommand.of("mkdir", "-p", "/etc/clusterdeck-test"));
            sh.run(RemoteCommand.of("sh", "-c", "printf 'old\\n' > " + MARK));
            Instant start = Instant.now();
            // the "login" is refused while the new file is in place, as an sshd config that shuts the user out would be
            GuardedApply.FreshLogin fresh = () -> {
                SshShell s = lab.shell(1);
                if (run(s, "cat", MARK).equals("new\n")) {
                    s.close();
                    throw new IllegalStateException("refused for the test");
                }
                return s;
            };
            GuardedApply.Outcome o = new GuardedApply(store.changes(), "test").apply(sh, fresh, "test", "file and table", List.of(
                    new ChangeEngine.Planned(StepKind.FILE, MARK, "new\n"),
                    new ChangeEngine.Planned(StepKind.FIREWALL, StepActions.NFT, TABLE),
                    ChangeEngine.Planned.reload("nginx", "reload")), t, null, null);
            assertThat(o.kept()).isFalse();
            assertThat(Duration.between(start, o.revertedAt())).isLessThanOrEqualTo(t.plusSeconds(10));
            assertThat(run(sh, "cat", MARK)).isEqualTo("old\n");
            assertThat(run(sh, "nft", "list", "tables")).doesNotContain("clusterdeck");
            ChangeSet cs = store.changes().findById(o.changeSetId()).orElseThrow();
            assertThat(cs.state()).isEqualTo(ChangeSet.REVERTED_BY_HOST);
            assertThat(cs.steps()).extracting(ChangeStep::state).containsOnly(ChangeStep.ROLLED_BACK);
            assertThat(run(sh, "systemctl", "is-active", "nginx").strip()).isEqualTo("active");
        }
    }

    @Test
    void revertScriptCarriesHostileContentAsBase64Only() {
        String hostile = "'; rm -rf / #\n$(reboot)\n`id`\n";
        String script = StepActions.revertScript(List.of(
                new ChangeStep(1, StepKind.FILE, "/etc/x y'z.conf", true, hostile, "new", ChangeStep.APPLIED),
                new ChangeStep(2, StepKind.SERVICE_RELOAD, "ssh", true, "reload", "reload", ChangeStep.APPLIED)));
        assertThat(script).doesNotContain("rm -rf").doesNotContain("$(reboot)").doesNotContain("`id`");
        assertThat(script).contains("base64 -d > '/etc/x y'\\''z.conf'");
        assertThat(script.strip()).endsWith("systemctl reload -- ssh");
    }
}
