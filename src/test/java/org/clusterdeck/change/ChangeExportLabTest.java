package org.clusterdeck.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.clusterdeck.lab.LabExtension;
import org.clusterdeck.lab.LabHost;
import org.clusterdeck.lab.LabHosts;
import org.clusterdeck.lab.LabLayout;
import org.clusterdeck.lab.LabSize;
import org.clusterdeck.model.ChangeSet;
import org.clusterdeck.model.StepKind;
import org.clusterdeck.remote.KnownHosts;
import org.clusterdeck.remote.RemoteCommand;
import org.clusterdeck.remote.SshShell;
import org.clusterdeck.store.Store;
import org.clusterdeck.testing.RealParts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A change with hostile text (title, file name, content) applied to lab host 1 is stored exactly
 * and never executed; exported as an Ansible playbook and run by ansible-playbook against lab host
 * 2 it gives the same state (second run: changed=0); exported as a shell script and run over SSH
 * on lab host 2 again after its state was reset, the same. Paths outside the allowed set are refused before anything is touched.
 */
@ExtendWith(LabExtension.class)
@LabSize(2)
class ChangeExportLabTest {
    private static final String KEY = "net.core.somaxconn";

    @TempDir
    Path dir;

    @Test
    void hostileChangeStoredExactlyAndExportsReachTheSameStateIdempotently(LabHosts lab) throws Exception {
        Path pwned = Path.of("/tmp/clusterdeck-pwned-" + ProcessHandle.current().pid());
        String title = "it's \"web\"; $(touch " + pwned + ") `touch " + pwned + "`\nsecond line {{ lookup('pipe', 'touch " + pwned + "') }}";
        String name = "clusterdeck-export it's $(touch${IFS}pwned);{{x}} `id` *.txt";
        String path = "/etc/sysctl.d/" + name;
        String content = "# hostile: ' \" $(touch " + pwned + ") `id` {{ lookup('pipe','touch " + pwned + "') }} {% raw %}\n"
                + "\ttab and trailing spaces   \nno final newline \\ backslash";
        List<ChangeEngine.Planned> steps = List.of(new ChangeEngine.Planned(StepKind.SYSCTL, KEY, "7001"),
                new ChangeEngine.Planned(StepKind.FILE, path, content));
        try (Store store = Store.inMemory("export-" + ProcessHandle.current().pid()); SshShell h1 = lab.shell(1);
             SshShell h2 = lab.shell(2)) {
            ChangeEngine engine = ChangeEngine.create(store, "test");
            for (String bad : List.of("../etc/passwd", "etc/passwd", "/etc/./passwd", "/etc/../etc/passwd", "/etc/x\n; reboot",
                    "/etc//x", "/proc/sys/net/core/somaxconn", "/etc/x/")) {
                assertThatThrownBy(() -> engine.apply(h1, "test", "bad", List.of(new ChangeEngine.Planned(StepKind.FILE, bad, "x")), null))
                        .as(bad).isInstanceOf(ChangeException.class).hasMessageMatching("(?s).*(absolute|'\\.'|'\\.\\.'|control character|empty part|under /proc).*");
            }
            assertThat(store.changes().list(null, 10)).isEmpty();

            ChangeSet applied = engine.apply(h1, "test", title, steps, null);

            ChangeSet stored = store.changes().findById(applied.id()).orElseThrow();
            assertThat(stored.title()).isEqualTo(title);
            assertThat(stored.steps().get(1).target()).isEqualTo(path);
            assertThat(stored.steps().get(1).after()).isEqualTo(content);
            assertThat(stored.steps().get(1).existedBefore()).isFalse();
            assertThat(Files.readString(local(lab, 1, name))).isEqualTo(content);

            List<ChangeSet> sets = List.of(stored);
            Path playbook = dir.resolve("play.yml");
            Files.writeString(playbook, ChangeExport.export(sets, ChangeExport.Format.ANSIBLE));
            assertThat(Files.readString(playbook)).doesNotContain("ansible.posix", "community.");
            if (Files.isExecutable(Path.of("/usr/bin/ansible-playbook"))) {
                String first = ansible(lab, 2, playbook);
                assertThat(first).containsPattern("changed=[1-9]");
                assertSameState(lab, h2, 2, name, content);
                String second = ansible(lab, 2, playbook);
                assertThat(second).contains("changed=0").contains("failed=0");
            }

            Files.deleteIfExists(local(lab, 2, name));
            h2.run(RemoteCommand.of("/sbin/sysctl", "-w", KEY + "=4096"));
            String script = ChangeExport.export(sets, ChangeExport.Format.SH);
            for (int run = 0; run < 2; run++) {
                var r = h2.run(RemoteCommand.of("sh", "-s").withStdin(script));
                assertThat(r.exitCode()).as(r.stderr()).isZero();
            }
            assertSameState(lab, h2, 2, name, content);
            assertThat(pwned).as("hostile text was never executed (workstation, where Ansible templates)").doesNotExist();
            for (int n = 1; n <= 2; n++) {
                Path hostTmp = LabLayout.netnsEtc(lab.host(n).namespace()).getParent().resolve(pwned.toString().substring(1));
                assertThat(hostTmp).as("hostile text was never executed on lab host " + n).doesNotExist();
            }
            // after the shell part, which needs no Ansible: skipped (failing in CI) only for the playbook
            RealParts.require(Files.isExecutable(Path.of("/usr/bin/ansible-playbook")),
                    "ChangeExportLabTest ansible part: ansible-playbook is not installed (Debian package ansible-core)");
        } finally {
            for (int n = 1; n <= 2; n++) {
                Files.deleteIfExists(local(lab, n, name));
            }
            try (SshShell s = lab.shell(1)) {
                s.run(RemoteCommand.of("/sbin/sysctl", "-w", KEY + "=4096"));
            }
        }
    }

    private static void assertSameState(LabHosts lab, SshShell shell, int n, String name, String content) throws Exception {
        assertThat(shell.run(RemoteCommand.of("/sbin/sysctl", "-n", KEY)).stdout().strip()).isEqualTo("7001");
        Path f = local(lab, n, name);
        assertThat(Files.readString(f)).isEqualTo(content);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-r--r--");
    }

    private static Path local(LabHosts lab, int n, String name) {
        return LabLayout.netnsEtc(lab.host(n).namespace()).resolve("sysctl.d").resolve(name);
    }

    /** Runs the playbook against lab host n, checking its host key against a known-hosts file written here. */
    private String ansible(LabHosts lab, int n, Path playbook) throws Exception {
        LabHost h = lab.host(n);
        Path known = dir.resolve("known_hosts");
        Files.deleteIfExists(known);
        new KnownHosts(known, null).trust(h.address(), h.sshPort(), h.hostKey());
        Path inventory = dir.resolve("inventory");
        Files.writeString(inventory, h.name() + " ansible_host=" + h.address() + " ansible_port=" + h.sshPort()
                + " ansible_user=root ansible_ssh_private_key_file=" + lab.privateKey()
                + " ansible_python_interpreter=/usr/bin/python3"
                + " ansible_ssh_common_args='-o UserKnownHostsFile=" + known + " -o GlobalKnownHostsFile=/dev/null -o StrictHostKeyChecking=yes'\n");
        List<String> cmd = new ArrayList<>(List.of("ansible-playbook", "-i", inventory.toString(), playbook.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("ANSIBLE_NOCOLOR", "1");
        env.put("ANSIBLE_RETRY_FILES_ENABLED", "0");
        env.put("ANSIBLE_LOCAL_TEMP", dir.resolve("ansible-local").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
