package org.clusterdeck.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.clusterdeck.remote.CommandResult;
import org.clusterdeck.remote.HostKeyChangedException;
import org.clusterdeck.remote.HostKeyDecision;
import org.clusterdeck.remote.KnownHosts;
import org.clusterdeck.remote.RemoteCommand;
import org.clusterdeck.remote.RemoteException;
import org.clusterdeck.remote.SshTarget;
import org.clusterdeck.remote.RemoteShell;
import org.clusterdeck.remote.SecretPrompt;
import org.clusterdeck.remote.SshOptions;
import org.clusterdeck.remote.SshShell;
import org.clusterdeck.testing.RealParts;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Real sshd in booted lab containers: the SSH client and the lab itself, end to end. */
@ExtendWith(LabExtension.class)
@LabSize(2)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SshOnLabHostsTest {
    @TempDir
    Path dir;

    @Test
    @Order(1)
    void eachLabHostHasItsOwnHostnameAddressAndEtc(LabHosts lab) {
        try (SshShell one = lab.shell(1); SshShell two = lab.shell(2)) {
            assertThat(one.run(RemoteCommand.of("hostname")).stdout().strip()).isEqualTo(lab.host(1).name());
            assertThat(two.run(RemoteCommand.of("hostname")).stdout().strip()).isEqualTo(lab.host(2).name());
            assertThat(one.run(RemoteCommand.of("ip", "-o", "-4", "addr", "show", "dev", "eth0")).stdout())
                    .contains(lab.host(1).address() + "/24");
            one.run(RemoteCommand.of("tee", "/etc/sysctl.d/50-lab-test.conf").withStdin("# only on host 1\n"));
            assertThat(one.run(RemoteCommand.of("ls", "/etc/sysctl.d")).stdout()).contains("50-lab-test.conf");
            assertThat(two.run(RemoteCommand.of("ls", "/etc/sysctl.d")).stdout()).doesNotContain("50-lab-test.conf");
            assertThat(Files.exists(Path.of("/etc/sysctl.d/50-lab-test.conf"))).isFalse();
            assertThat(one.run(RemoteCommand.of("test", "-f", "/etc/nginx/nginx.conf")).ok()).isTrue();
        }
    }

    @Test
    @Order(2)
    void sysctlInsideOneHostLeavesTheOtherAndTheMachineAlone(LabHosts lab) throws Exception {
        String machine = Files.readString(Path.of("/proc/sys/net/core/somaxconn")).strip();
        try (SshShell one = lab.shell(1); SshShell two = lab.shell(2)) {
            String before2 = two.run(RemoteCommand.of("sysctl", "-n", "net.core.somaxconn")).stdout().strip();
            CommandResult set = one.run(RemoteCommand.sudo("sysctl", "-w", "net.core.somaxconn=1234"));
            assertThat(set.ok()).as(set.stderr()).isTrue();
            assertThat(one.run(RemoteCommand.of("sysctl", "-n", "net.core.somaxconn")).stdout().strip()).isEqualTo("1234");
            assertThat(two.run(RemoteCommand.of("sysctl", "-n", "net.core.somaxconn")).stdout().strip()).isEqualTo(before2);
        }
        assertThat(Files.readString(Path.of("/proc/sys/net/core/somaxconn")).strip()).isEqualTo(machine);
    }

    @Test
    @Order(3)
    void trustOnFirstUseThenKnown(LabHosts lab) {
        KnownHosts fresh = new KnownHosts(dir.resolve("kh"), null);
        String[] seen = new String[1];
        try (SshShell sh = SshShell.connect(lab.target(1), fresh, k -> (seen[0] = k.fingerprint()) != null,
                SecretPrompt.NONE, SshOptions.DEFAULTS)) {
            assertThat(sh.run(RemoteCommand.of("true")).ok()).isTrue();
        }
        assertThat(seen[0]).isEqualTo(lab.host(1).hostKeyFingerprint());
        try (SshShell sh = SshShell.connect(lab.target(1), fresh, HostKeyDecision.REJECT, SecretPrompt.NONE,
                SshOptions.DEFAULTS)) {
            assertThat(sh.hostKeyFingerprint()).isEqualTo(seen[0]);
        }
    }

    @Test
    @Order(4)
    void nonRootUserRunsSudoCommandsWithSudoN(LabHosts lab) {
        boolean sudoInstalled = Files.isExecutable(Path.of("/usr/bin/sudo"));
        try (SshShell sh = lab.shell(2, LabHosts.labUser())) {
            assertThat(sh.isRoot()).isFalse();
            assertThat(sh.run(RemoteCommand.of("id", "-un")).stdout().strip()).isEqualTo(LabHosts.labUser());
            RealParts.require(sudoInstalled, "nonRootUserRunsSudoCommandsWithSudoN: sudo is not installed (package sudo)");
            assertThat(sh.run(RemoteCommand.sudo("id", "-u")).stdout().strip()).isEqualTo("0");
        }
    }

    @Test
    @Order(5)
    void pooledConnectionsServeParallelCommands(LabHosts lab) throws Exception {
        try (RemoteShell sh = lab.sessions().shell(lab.target(1))) {
            var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
            var futures = new java.util.ArrayList<java.util.concurrent.Future<String>>();
            for (int i = 0; i < 20; i++) {
                String word = "w" + i;
                futures.add(pool.submit(() -> sh.run(RemoteCommand.of("echo", word)).stdout().strip()));
            }
            for (int i = 0; i < 20; i++) {
                assertThat(futures.get(i).get()).isEqualTo("w" + i);
            }
            pool.shutdown();
        }
        assertThat(lab.sessions().openConnections()).isEqualTo(1);
    }

    @Test
    @Order(3)
    void nginxAndTheFirewallToolsWorkInsideALabHost(LabHosts lab) throws Exception {
        try (SshShell sh = lab.shell(1)) {
            CommandResult test = sh.run(RemoteCommand.of("nginx", "-t"));
            assertThat(test.exitCode()).as(test.stderr()).isZero();
            // booted hosts run nginx as a service, managed the real way
            CommandResult active = sh.run(RemoteCommand.of("systemctl", "is-active", "nginx"));
            assertThat(active.stdout().strip()).as(active.stderr()).isEqualTo("active");
            // only after the route check: the address must stay on the lab bridge
            String route = LocalCommand.check("ip", "route", "get", lab.host(1).address()).stdout();
            assertThat(route).contains("dev cdlab" + lab.lab().layout().index() + " ");
            var client = java.net.http.HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(5)).build();
            var response = client.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://" + lab.host(1).address() + "/")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("<h1>" + lab.host(1).name() + "</h1>");

            CommandResult rule = sh.run(RemoteCommand.of("iptables", "-A", "INPUT", "-p", "tcp", "--dport", "9999", "-j", "DROP"));
            assertThat(rule.exitCode()).as(rule.stderr()).isZero();
            assertThat(sh.run(RemoteCommand.of("iptables", "-S", "INPUT")).stdout()).contains("--dport 9999");
            assertThat(LocalCommand.run("iptables", "-S", "INPUT").stdout()).doesNotContain("--dport 9999");
            assertThat(sh.run(RemoteCommand.of("nft", "list", "tables")).exitCode()).isZero();
        }
    }

    @Test
    @Order(6)
    void unreachableLabAddressFailsFastWithTheReason(LabHosts lab) {
        // inside the lab range but outside every lab subnet: the unreachable route answers at once
        SshTarget nowhere = new SshTarget("ghost", "10.213.254.254", 22, "root", lab.privateKey(), SshTarget.Auth.KEY);
        long start = System.nanoTime();
        assertThatThrownBy(() -> SshShell.connect(nowhere, lab.knownHosts(), HostKeyDecision.REJECT, SecretPrompt.NONE,
                SshOptions.DEFAULTS))
                .isInstanceOf(RemoteException.class)
                .hasMessageContaining("Cannot reach ghost (10.213.254.254:22)");
        // "fast" means the route's answer, not the connect timeout running out; a bound that only a
        // wait for the timeout can cross, not a speed figure (speed is measured under bench/)
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - start))
                .isLessThan(SshOptions.DEFAULTS.connectTimeout());
    }

    @Test
    @Order(7)
    void wrongKeyIsRefusedByTheRealSshd(LabHosts lab) throws Exception {
        Path other = dir.resolve("other_key");
        org.clusterdeck.lab.LocalCommand.check("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", other.toString());
        SshTarget t = new SshTarget("lab1", lab.host(1).address(), 22, "root", other, SshTarget.Auth.KEY);
        assertThatThrownBy(() -> SshShell.connect(t, lab.knownHosts(), HostKeyDecision.REJECT, SecretPrompt.NONE,
                SshOptions.DEFAULTS))
                .isInstanceOf(RemoteException.class)
                .hasMessageContaining("did not accept the key " + other);
    }

    @Test
    @Order(10)
    void changedHostKeyIsRefusedAfterTheHostIsReinstalled(LabHosts lab) throws Exception {
        LabHost before = lab.host(2);
        LabHost after = lab.regenerateHostKey(2);
        assertThat(after.hostKeyFingerprint()).isNotEqualTo(before.hostKeyFingerprint());
        assertThatThrownBy(() -> lab.shell(2))
                .isInstanceOf(HostKeyChangedException.class)
                .hasMessageContaining(after.hostKeyFingerprint())
                .hasMessageContaining("man-in-the-middle");
    }
}
