package org.clusterdeck.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.clusterdeck.remote.CommandResult;
import org.clusterdeck.remote.RemoteCommand;
import org.clusterdeck.remote.SshShell;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What root does inside a lab host stays inside it: files, processes, services, kernel values,
 * reboots. Everything is done over SSH as the lab key's root, as a student would.
 */
@ExtendWith(LabExtension.class)
@LabSize(2)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LabIsolationTest {
    @Test
    @Order(1)
    void eachHostHasItsOwnHostKeyNeverTheWorkstations(LabHosts lab) throws Exception {
        assertThat(lab.host(1).hostKeyFingerprint()).isNotEqualTo(lab.host(2).hostKeyFingerprint());
        for (Path pub : List.of(Path.of("/etc/ssh/ssh_host_ed25519_key.pub"), Path.of("/etc/ssh/ssh_host_rsa_key.pub"),
                Path.of("/etc/ssh/ssh_host_ecdsa_key.pub"))) {
            if (Files.exists(pub)) {
                String workstation = Files.readString(pub).split("\\s+")[1];
                for (LabHost h : lab.hosts()) {
                    assertThat(LabHostBuilder.readPublicKey(lab.lab().layout().hostDir(h.number()).resolve("host_key.pub")))
                            .isNotEqualTo(org.clusterdeck.remote.KnownHosts.parsePublicKey(Files.readString(pub)));
                    // the workstation's keys do not show through from the lower layer
                    String inside = lab.exec(h.number(), "cat", "/etc/ssh/" + pub.getFileName()).stdout();
                    assertThat(inside).doesNotContain(workstation);
                }
            }
        }
        try (SshShell one = lab.shell(1)) {
            assertThat(one.run(RemoteCommand.of("cat", "/etc/shadow")).stdout()).doesNotContain("$");
            assertThat(one.run(RemoteCommand.of("ls", "-A", "/work", "/home")).stdout().strip()).isEqualTo("/home:\n\n/work:");
            // a fresh /root (systemd may provision /root/.ssh in it), none of the workstation's files
            String rootInside = one.run(RemoteCommand.of("ls", "-A", "/root")).stdout();
            try (var mine = Files.list(Path.of("/root"))) {
                for (Path p : mine.filter(p -> !p.getFileName().toString().equals(".ssh")).toList()) {
                    assertThat(rootInside.lines().toList()).doesNotContain(p.getFileName().toString());
                }
            }
        }
    }

    @Test
    @Order(2)
    void filesServicesAndKernelValuesChangedInsideStayInside(LabHosts lab) throws Exception {
        String swappiness = Files.readString(Path.of("/proc/sys/vm/swappiness")).strip();
        Path marker = Path.of("/etc/clusterdeck-lab-isolation-x");
        try (SshShell one = lab.shell(1); SshShell two = lab.shell(2)) {
            assertThat(one.run(RemoteCommand.of("touch", marker.toString())).ok()).isTrue();
            assertThat(one.run(RemoteCommand.of("test", "-f", marker.toString())).ok()).isTrue();
            assertThat(two.run(RemoteCommand.of("test", "-f", marker.toString())).ok()).isFalse();
            assertThat(Files.exists(marker)).isFalse();

            CommandResult sysctl = one.run(RemoteCommand.of("sysctl", "-w", "vm.swappiness=1"));
            assertThat(sysctl.ok()).isFalse();
            assertThat(sysctl.stderr()).contains("vm.swappiness");
            assertThat(Files.readString(Path.of("/proc/sys/vm/swappiness")).strip()).isEqualTo(swappiness);

            CommandResult stop = one.run(RemoteCommand.of("systemctl", "stop", "nginx"));
            assertThat(stop.ok()).as(stop.stderr()).isTrue();
            assertThat(one.run(RemoteCommand.of("systemctl", "is-active", "nginx")).stdout().strip()).isEqualTo("inactive");
            assertThat(two.run(RemoteCommand.of("systemctl", "is-active", "nginx")).stdout().strip()).isEqualTo("active");
            assertThat(one.run(RemoteCommand.of("systemctl", "start", "nginx")).ok()).isTrue();
        }
    }

    @Test
    @Order(3)
    void killEverythingInsideKillsOnlyThatHostsProcesses(LabHosts lab) throws Exception {
        Process sentinel = new ProcessBuilder("sleep", "300").start();
        try (SshShell one = lab.shell(1)) {
            String inside = one.run(RemoteCommand.of("ps", "-e", "-o", "pid=")).stdout();
            // its own PID namespace: systemd is PID 1 and the workstation's processes are not listed
            assertThat(inside).contains(" 1\n").doesNotContain(" " + sentinel.pid() + "\n");
            one.run(RemoteCommand.of("sh", "-c", "kill -9 -1"));
        } catch (org.clusterdeck.remote.RemoteException dropped) {
            // the session's own sshd was killed too: expected
        }
        try {
            assertThat(sentinel.isAlive()).isTrue();
            try (SshShell two = lab.shell(2)) {
                assertThat(two.run(RemoteCommand.of("systemctl", "is-active", "nginx", "ssh")).stdout())
                        .isEqualTo("active\nactive\n");
            }
            // systemd (PID 1 inside) survives and brings sshd back (Restart=on-failure)
            awaitSsh(lab, 1, 30);
        } finally {
            sentinel.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    @Order(4)
    void rebootInsideRestartsThatHostOnlyAndItComesBack(LabHosts lab) throws Exception {
        long twoLeader = LabCleanup.leader(lab.lab().layout(), lab.host(2).namespace()).orElseThrow().pid();
        long oneLeader = LabCleanup.leader(lab.lab().layout(), lab.host(1).namespace()).orElseThrow().pid();
        try (SshShell one = lab.shell(1)) {
            one.run(RemoteCommand.of("systemctl", "reboot"));
        } catch (org.clusterdeck.remote.RemoteException dropped) {
            // the connection may drop before the answer
        }
        long deadline = System.currentTimeMillis() + 60_000;
        while (LabCleanup.leader(lab.lab().layout(), lab.host(1).namespace()).map(ProcessHandle::pid).orElse(oneLeader) == oneLeader
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        awaitSsh(lab, 1, 60);
        assertThat(LabCleanup.leader(lab.lab().layout(), lab.host(1).namespace()).map(ProcessHandle::pid))
                .as("a new container init after the reboot").isPresent().get().isNotEqualTo(oneLeader);
        try (SshShell one = lab.shell(1)) {
            // the same host: same host key (the strict verifier let us in), its files kept
            assertThat(one.run(RemoteCommand.of("test", "-f", "/etc/clusterdeck-lab-isolation-x")).ok()).isTrue();
            assertThat(one.run(RemoteCommand.of("hostname")).stdout().strip()).isEqualTo(lab.host(1).name());
        }
        assertThat(LabCleanup.leader(lab.lab().layout(), lab.host(2).namespace()).orElseThrow().pid()).isEqualTo(twoLeader);
        assertThat(Files.readString(Path.of("/proc/uptime")).split("\\.")[0]).isNotEqualTo("0");
    }

    private static void awaitSsh(LabHosts lab, int n, int seconds) throws InterruptedException {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        RuntimeException last = null;
        while (System.currentTimeMillis() < deadline) {
            try (SshShell sh = lab.shell(n)) {
                if (sh.run(RemoteCommand.of("systemctl", "is-active", "ssh")).ok()) {
                    return;
                }
            } catch (RuntimeException e) {
                last = e;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("host " + n + " did not answer SSH again within " + seconds + " s", last);
    }
}
