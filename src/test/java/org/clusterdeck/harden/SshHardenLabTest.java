package org.clusterdeck.harden;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.clusterdeck.lab.LabExtension;
import org.clusterdeck.lab.LabHosts;
import org.clusterdeck.lab.LabSize;
import org.clusterdeck.lab.LocalCommand;
import org.clusterdeck.model.ChangeSet;
import org.clusterdeck.net.TargetPolicy;
import org.clusterdeck.remote.RemoteShell;
import org.clusterdeck.testing.RealParts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The SSH daemon step on real lab hosts (their own sshd): planned and applied through the
 * hardening service (guarded), read back with {@code sshd -T}, audited from this machine with
 * ssh-audit (failures before, none after), rolled back exactly; and a config that refuses
 * ClusterDeck's user restores itself within T+10 s, three trials in a row.
 */
@ExtendWith(LabExtension.class)
@LabSize(2)
class SshHardenLabTest {
    private static final Duration T = Duration.ofSeconds(10);
    private static final List<String> KEYS = List.of("permitrootlogin", "passwordauthentication", "kbdinteractiveauthentication",
            "maxauthtries", "logingracetime", "clientaliveinterval", "clientalivecountmax", "x11forwarding", "allowtcpforwarding",
            "maxsessions", "kexalgorithms", "ciphers", "macs", "hostkeyalgorithms");

    @Test
    void hardensSshdVerifiesWithSshAuditAndRollsBackExactly(LabHosts lab) throws Exception {
        RealParts.require(Files.isExecutable(Path.of("/usr/bin/ssh-audit")), "ssh-audit is not installed (Debian package ssh-audit)");
        String name = lab.host(1).name();
        try (HardenLab h = HardenLab.on(lab, "ssh-harden-" + ProcessHandle.current().pid())) {
            String address = TargetPolicy.of(h.store).resolve(lab.host(1).address()).getHostAddress(); // ip route get: stays here
            Map<String, String> before = effective(lab, 1);
            String configBefore = lab.exec(1, "cat", SshModule.CONFIG).stdout();
            assertThat(auditFailures(address, lab.host(1).sshPort())).as("ssh-audit fails the lab's default sshd").isNotEmpty();

            HardenOptions options = new HardenOptions(T, Map.of());
            HostPlan plan = h.service.plan(name, Set.of(HardenStep.SSH), null, options, null);
            StepPlan sp = plan.steps().get(0);
            assertThat(sp.skipped()).as(String.valueOf(sp.skipReason())).isFalse();
            assertThat(sp.guarded()).isTrue();
            assertThat(sp.preview()).anySatisfy(c -> assertThat(c).contains(SshModule.DROP_IN))
                    .anySatisfy(c -> assertThat(c).contains("sshd -t"))
                    .anySatisfy(c -> assertThat(c).contains("systemctl restart -- ssh.service"));
            assertThat(sp.notes()).anySatisfy(n -> assertThat(n).startsWith("MaxSessions"))
                    .anySatisfy(n -> assertThat(n).contains("ClusterDeck logs in to this host as root with a key"))
                    .anySatisfy(n -> assertThat(n).startsWith("PasswordAuthentication no").contains("/etc/ssh/authorized_keys/root: 1 key(s)"));
            // the lab's sshd_config has no Include: the step adds it on top
            assertThat(sp.changes()).anySatisfy(c -> assertThat(c.target()).isEqualTo(SshModule.CONFIG));

            HostResult r = h.service.apply(plan, options, true, null);
            assertThat(r.failure()).isNull();
            assertThat(r.ok()).as(r.checks().toString()).isTrue();
            ChangeSet cs = r.changes().get(0);
            assertThat(cs.state()).isEqualTo(ChangeSet.APPLIED);

            Map<String, String> after = effective(lab, 1);
            assertThat(after).containsEntry("permitrootlogin", "without-password").containsEntry("passwordauthentication", "no")
                    .containsEntry("maxauthtries", "3").containsEntry("logingracetime", "30").containsEntry("x11forwarding", "no")
                    .containsEntry("clientaliveinterval", "300").containsEntry("clientalivecountmax", "2");
            assertThat(after.get("kexalgorithms")).startsWith("sntrup761x25519-sha512@openssh.com,curve25519-sha256").doesNotContain("nistp");
            assertThat(after.get("macs")).doesNotContain("sha1").doesNotContain("umac-64");
            List<String> failuresAfter = auditFailures(address, lab.host(1).sshPort());
            assertThat(failuresAfter).as("ssh-audit failures after hardening").isEmpty();

            ChangeSet back = h.engine.rollback(cs.id(), h.access::open, false, true, null);
            assertThat(back.state()).isEqualTo(ChangeSet.ROLLED_BACK);
            assertThat(lab.exec(1, "test", "-e", SshModule.DROP_IN).exitCode()).as("drop-in removed").isNotZero();
            assertThat(lab.exec(1, "cat", SshModule.CONFIG).stdout()).isEqualTo(configBefore);
            Map<String, String> restored = effective(lab, 1);
            for (String k : KEYS) {
                assertThat(restored.get(k)).as(k).isEqualTo(before.get(k));
            }
            assertThat(auditFailures(address, lab.host(1).sshPort())).as("the running sshd is back to the old algorithms").isNotEmpty();
        }
    }

    @Test
    void configThatRefusesTheUserRestoresItselfWithinTPlus10ThreeTimesInARow(LabHosts lab) throws Exception {
        String name = lab.host(2).name();
        // a test-only variant: the real step planned as if ClusterDeck logged in as "operator" with AllowUsers operator,
        // which refuses root, the user this lab host is really reached as
        StepModule refusing = new StepModule() {
            final SshModule real = new SshModule();

            public HardenStep step() {
                return real.step();
            }

            public Map<String, String> probes() {
                return real.probes();
            }

            public StepPlan plan(HostContext host, HostFacts facts, HardenOptions options) {
                HostContext other = new HostContext(host.hostName(), host.address(), host.sshPort(), "operator", host.role(),
                        host.loadBalancers(), host.webHosts(), host.dbPeers(), host.hypervisorPeers(), host.adminSources());
                return real.plan(other, facts, new HardenOptions(options.guard(), Map.of(SshModule.OPT_ALLOW_USERS, "operator")));
            }

            public List<Check> verify(RemoteShell shell, HostContext host, StepPlan plan, HardenOptions options) {
                return real.verify(shell, host, plan, options);
            }
        };
        try (HardenLab h = HardenLab.on(lab, "ssh-lockout-" + ProcessHandle.current().pid(), List.of(refusing))) {
            String configBefore = lab.exec(2, "cat", SshModule.CONFIG).stdout();
            HardenOptions options = new HardenOptions(T, Map.of());
            List<String> problems = new ArrayList<>();
            for (int trial = 1; trial <= 3; trial++) {
                HostPlan plan = h.service.plan(name, Set.of(HardenStep.SSH), null, options, null);
                assertThat(plan.steps().get(0).settings()).contains("AllowUsers = operator");
                Instant start = Instant.now();
                HostResult r = h.service.apply(plan, options, true, null);
                ChangeSet cs = r.changes().get(0);
                Duration took = Duration.between(start, Instant.now());
                if (!ChangeSet.REVERTED_BY_HOST.equals(cs.state())) {
                    problems.add("trial " + trial + ": " + cs.state() + " " + cs.message());
                } else if (took.compareTo(T.plusSeconds(10)) > 0) {
                    problems.add("trial " + trial + ": restored after " + took.toSeconds() + " s");
                }
                if (lab.exec(2, "test", "-e", SshModule.DROP_IN).exitCode() == 0) {
                    problems.add("trial " + trial + ": the drop-in is still there");
                }
                if (!lab.exec(2, "cat", SshModule.CONFIG).stdout().equals(configBefore)) {
                    problems.add("trial " + trial + ": sshd_config differs from before");
                }
                assertThat(r.failure()).contains("Reverted by the host");
            }
            assertThat(problems).isEmpty();
            try (RemoteShell s = h.access.openFresh(name)) {
                assertThat(s.run(org.clusterdeck.remote.RemoteCommand.of("true")).ok()).as("a new login works after the trials").isTrue();
            }
        }
    }

    /** sshd -T inside the host, as keyword to value. */
    static Map<String, String> effective(LabHosts lab, int n) {
        LocalCommand.Result r = lab.exec(n, "sshd", "-T");
        assertThat(r.ok()).as(r.stderr()).isTrue();
        return SshConfig.parseEffective(r.stdout());
    }

    /**
     * The "[fail]" findings ssh-audit reports for the lab host's sshd, each with its algorithm line
     * (the text output: Debian 12's ssh-audit 2.5.0 leaves the notes out of its JSON).
     */
    static List<String> auditFailures(String address, int port) {
        LocalCommand.Result r = LocalCommand.run("ssh-audit", "-n", "-p", Integer.toString(port), address);
        assertThat(r.stdout()).as("ssh-audit answered: " + r.stderr()).contains("(gen) banner: SSH-2.0-OpenSSH");
        List<String> fails = new ArrayList<>();
        String algorithm = "";
        for (String line : r.stdout().split("\n")) {
            if (line.startsWith("(")) {
                algorithm = line.split("--")[0].strip();
            }
            if (line.contains("[fail]")) {
                fails.add(algorithm + ": " + line.substring(line.indexOf("[fail]")).strip());
            }
        }
        return fails;
    }
}
