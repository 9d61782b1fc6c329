package org.clusterdeck.harden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.clusterdeck.change.ChangeEngine;
import org.clusterdeck.model.StepKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SSH step's plan from recorded probe outputs (Debian 12 shaped): pure, no host. */
class SshModuleTest {
    private static final String EFFECTIVE = "port 22\nmaxsessions 10\npermitrootlogin without-password\npasswordauthentication yes\n";
    private static final String DEBIAN_CONFIG = "# sshd_config\nInclude /etc/ssh/sshd_config.d/*.conf\nKbdInteractiveAuthentication no\nUsePAM yes\n";
    private final SshModule module = new SshModule();

    static HostContext host(String user) {
        return new HostContext("web1", "10.0.0.5", 22, user, Role.WEB, List.of(), List.of(), List.of(), List.of(), List.of("10.0.0.1"));
    }

    static HostFacts facts(String version, String config, Map<String, String> more) {
        Map<String, String> m = new HashMap<>(Map.of(
                "version", "OpenSSH_" + version + ", OpenSSL 3.0.19 27 Jan 2026",
                "effective", EFFECTIVE,
                "config", config,
                "unit", "ssh.service\nType=notify\nKillMode=process",
                "hostkeys", "/etc/ssh/ssh_host_ed25519_key 256 (ED25519)\n/etc/ssh/ssh_host_rsa_key 3072 (RSA)",
                "login", "user root\nkeys /root/.ssh/authorized_keys 1"));
        m.putAll(more);
        return new HostFacts(m);
    }

    private StepPlan plan(HostFacts f, Map<String, String> options, String user) {
        return module.plan(host(user), f, new HardenOptions(null, options));
    }

    private static String dropIn(StepPlan p) {
        return p.changes().stream().filter(c -> c.target().equals(SshModule.DROP_IN)).findFirst().orElseThrow().after();
    }

    @Test
    void debian12PlanWritesOneDropInChecksItWithSshdTAndRestartsGuarded() {
        StepPlan p = plan(facts("9.2", DEBIAN_CONFIG, Map.of()), Map.of(), "root");
        assertThat(p.skipped()).isFalse();
        assertThat(p.guarded()).isTrue();
        assertThat(p.changes()).extracting(ChangeEngine.Planned::kind)
                .containsExactly(StepKind.FILE, StepKind.COMMAND, StepKind.SERVICE_RELOAD);
        assertThat(p.preview()).as("checked by the host's sshd, then restarted").anySatisfy(l -> assertThat(l).contains("sshd -t"))
                .anySatisfy(l -> assertThat(l).contains("systemctl restart -- ssh.service"));
        String d = dropIn(p);
        assertThat(d).contains("PermitRootLogin prohibit-password\n", "PasswordAuthentication no\n", "KbdInteractiveAuthentication no\n",
                "MaxAuthTries 3\n", "LoginGraceTime 30\n", "ClientAliveInterval 300\n", "ClientAliveCountMax 2\n", "X11Forwarding no\n",
                "AllowTcpForwarding no\n", "MaxSessions 10\n",
                "KexAlgorithms sntrup761x25519-sha512@openssh.com,curve25519-sha256,curve25519-sha256@libssh.org,"
                        + "diffie-hellman-group18-sha512,diffie-hellman-group16-sha512\n",
                "MACs hmac-sha2-512-etm@openssh.com,hmac-sha2-256-etm@openssh.com,umac-128-etm@openssh.com\n",
                "HostKeyAlgorithms ssh-ed25519-cert-v01@openssh.com,rsa-sha2-512-cert-v01@openssh.com,rsa-sha2-256-cert-v01@openssh.com,"
                        + "ssh-ed25519,rsa-sha2-512,rsa-sha2-256\n",
                "ssh-audit server hardening guides");
        assertThat(d).doesNotContain("nistp").doesNotContain("sha1").doesNotContain("AllowUsers");
        assertThat(p.notes()).anySatisfy(n -> assertThat(n).startsWith("MaxSessions 10").contains("Lynis"))
                .anySatisfy(n -> assertThat(n).contains("ClusterDeck logs in to this host as root with a key"))
                .anySatisfy(n -> assertThat(n).contains("/root/.ssh/authorized_keys: 1 key(s)"));
    }

    @Test
    void algorithmsFollowTheOpenSshVersion() {
        assertThat(dropIn(plan(facts("9.9", DEBIAN_CONFIG, Map.of()), Map.of(), "root")))
                .contains("KexAlgorithms mlkem768x25519-sha256,sntrup761x25519-sha512,sntrup761x25519-sha512@openssh.com,");
        assertThat(dropIn(plan(facts("8.4", DEBIAN_CONFIG, Map.of()), Map.of(), "root")))
                .contains("KexAlgorithms curve25519-sha256,").doesNotContain("sntrup").doesNotContain("mlkem");
    }

    @Test
    void missingIncludeIsAddedAtTheTopOfSshdConfig() {
        String config = "HostKey /etc/ssh/ssh_host_ed25519_key\nPermitRootLogin yes\n";
        StepPlan p = plan(facts("9.2", config, Map.of()), Map.of(), "root");
        ChangeEngine.Planned c = p.changes().stream().filter(x -> x.target().equals(SshModule.CONFIG)).findFirst().orElseThrow();
        String firstSetting = c.after().lines().filter(l -> !l.startsWith("#") && !l.isBlank()).findFirst().orElseThrow();
        assertThat(firstSetting).isEqualTo(SshModule.INCLUDE);
        assertThat(c.after()).endsWith(config);
    }

    @Test
    void aDropInThatSortsFirstAndOverridesIsNamed() {
        StepPlan p = plan(facts("9.2", DEBIAN_CONFIG, Map.of("dropins",
                "/etc/ssh/sshd_config.d/00-aaa.conf:PasswordAuthentication yes\n/etc/ssh/sshd_config.d/50-cloud-init.conf:PasswordAuthentication yes")),
                Map.of(), "root");
        assertThat(p.warnings()).containsExactly("/etc/ssh/sshd_config.d/00-aaa.conf sorts before " + SshModule.DROP_IN
                + " and sets PasswordAuthentication: its value wins.");
    }

    @Test
    void matchBlocksThatCanOverrideAreNamed() {
        StepPlan p = plan(facts("9.2", DEBIAN_CONFIG + "Match User backup\n  PasswordAuthentication yes\n", Map.of()), Map.of(), "root");
        assertThat(p.warnings()).containsExactly(SshModule.CONFIG + " has Match blocks: their settings override these for the connections "
                + "they match, and sshd -T shows the global values only.");
        assertThat(plan(facts("9.2", DEBIAN_CONFIG, Map.of()), Map.of(), "root").warnings()).isEmpty();
    }

    @Test
    void aHigherMaxSessionsOnTheHostIsKeptAndAnOnlyEcdsaHostKeyLeavesHostKeyAlgorithms() {
        StepPlan p = plan(facts("9.2", DEBIAN_CONFIG, Map.of("effective", "port 22\nmaxsessions 64\n",
                "hostkeys", "/etc/ssh/ssh_host_ecdsa_key 256 (ECDSA)")), Map.of(), "root");
        assertThat(dropIn(p)).doesNotContain("MaxSessions").doesNotContain("HostKeyAlgorithms");
        assertThat(p.notes()).anySatisfy(n -> assertThat(n).startsWith("MaxSessions stays 64"));
        assertThat(p.warnings()).anySatisfy(w -> assertThat(w).startsWith("HostKeyAlgorithms is left as it is"));
    }

    @Test
    void nonRootLoginGetsPermitRootLoginNoAndAllowUsers() {
        StepPlan p = plan(facts("9.2", DEBIAN_CONFIG, Map.of()), Map.of(SshModule.OPT_ALLOW_USERS, "deploy, admin"), "deploy");
        assertThat(dropIn(p)).contains("PermitRootLogin no\n", "AllowUsers deploy admin\n");
    }

    @Test
    void optionsThatWouldLockClusterDeckOutAreRefusedWithTheOptionNamed() {
        assertThatThrownBy(() -> plan(facts("9.2", DEBIAN_CONFIG, Map.of()), Map.of(SshModule.OPT_ROOT, "no"), "root"))
                .isInstanceOf(HardenException.class).hasMessageContaining("ssh.permitRootLogin = no would lock ClusterDeck out");
        assertThatThrownBy(() -> plan(facts("9.2", DEBIAN_CONFIG, Map.of()), Map.of(SshModule.OPT_ALLOW_USERS, "admin"), "root"))
                .isInstanceOf(HardenException.class).hasMessageContaining("ssh.allowUsers").hasMessageContaining("leaves out root");
    }

    @ParameterizedTest
    @ValueSource(strings = {"root\nPermitRootLogin yes", "root $(reboot)", "root'; rm -rf /", "root `id`", "root\"", "a;b"})
    void hostileUserNamesAreRefusedWithTheOptionNamed(String value) {
        assertThatThrownBy(() -> plan(facts("9.2", DEBIAN_CONFIG, Map.of()), Map.of(SshModule.OPT_ALLOW_USERS, value), "root"))
                .isInstanceOf(HardenException.class).hasMessageStartingWith("ssh.allowUsers: '").hasMessageContaining("is not a user name")
                .hasMessageNotContaining("\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "prohibit-password\nPasswordAuthentication yes", "$(id)"})
    void hostilePermitRootLoginValuesAreRefused(String value) {
        assertThatThrownBy(() -> plan(facts("9.2", DEBIAN_CONFIG, Map.of()), Map.of(SshModule.OPT_ROOT, value), "root"))
                .isInstanceOf(HardenException.class).hasMessageStartingWith("ssh.permitRootLogin = ").hasMessageNotContaining("\n");
    }

    @Test
    void unknownOptionsAndForwardingValuesAreRefused() {
        assertThatThrownBy(() -> plan(facts("9.2", DEBIAN_CONFIG, Map.of()), Map.of("ssh.permitRootlogin", "no"), "root"))
                .isInstanceOf(HardenException.class).hasMessageContaining("Unknown option ssh.permitRootlogin");
        assertThatThrownBy(() -> plan(facts("9.2", DEBIAN_CONFIG, Map.of()), Map.of(SshModule.OPT_FORWARDING, "all"), "root"))
                .isInstanceOf(HardenException.class).hasMessageContaining("ssh.allowTcpForwarding = all");
    }

    @Test
    void aHostWhoseSshdDoesNotLoadIsSkippedWithTheReason() {
        StepPlan p = plan(facts("9.2", DEBIAN_CONFIG, Map.of("effective", "/etc/ssh/sshd_config line 3: Bad configuration option: Foo")),
                Map.of(), "root");
        assertThat(p.skipped()).isTrue();
        assertThat(p.skipReason()).contains("Bad configuration option: Foo");
    }

    @Test
    void sshdTSpellingOfProhibitPasswordCountsAsTheSame() {
        assertThat(SshConfig.sameValue("PermitRootLogin", "without-password", "prohibit-password")).isTrue();
        assertThat(SshConfig.sameValue("PermitRootLogin", "yes", "prohibit-password")).isFalse();
        assertThat(SshConfig.parseEffective("allowusers root\nallowusers labuser\n")).containsEntry("allowusers", "root labuser");
    }
}
