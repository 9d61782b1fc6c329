package org.clusterdeck.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.clusterdeck.harden.HostFacts;
import org.clusterdeck.harden.Role;
import org.clusterdeck.scan.HostAuditCheck.Status;
import org.junit.jupiter.api.Test;

/** The host audit's judges on recorded probe outputs (a Debian 12 host), good and bad, and hostile output. */
class HostAuditTest {

    private static Map<String, String> good() {
        Map<String, String> m = new HashMap<>();
        HostAudit.checks().forEach(c -> m.put(c.probe(), ""));
        m.put("sysctl", "net.ipv4.ip_forward = 0\nnet.ipv4.tcp_syncookies = 1\nkernel.randomize_va_space = 2\nfs.suid_dumpable = 0");
        m.put("sshd", "port 22\npermitrootlogin prohibit-password\npasswordauthentication no\nx11forwarding no\nmaxauthtries 3\n"
                + "ciphers chacha20-poly1305@openssh.com,aes256-gcm@openssh.com\nmacs hmac-sha2-512-etm@openssh.com");
        m.put("passwd", "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nalice:x:1000:1000::/home/alice:/bin/bash");
        m.put("shadow", "root:LOCKED\ndaemon:LOCKED\nalice:SET");
        m.put("sudoers", "Defaults use_pty\nroot ALL=(ALL:ALL) ALL\n%sudo ALL=(ALL:ALL) ALL");
        m.put("stat", "/etc/shadow 640 root shadow\n/etc/passwd 644 root root");
        m.put("listen", "LISTEN 0 128 0.0.0.0:22 0.0.0.0:*\nLISTEN 0 511 0.0.0.0:80 0.0.0.0:*\nLISTEN 0 80 127.0.0.1:3306 0.0.0.0:*\n"
                + "LISTEN 0 128 [::]:22 [::]:*");
        m.put("firewall", "nft type filter hook input priority filter; policy drop;\nnftrules 12\niptrules 0");
        m.put("mounts", "tmpfs /tmp tmpfs rw,nosuid,nodev,noexec 0 0\n/dev/sda1 / ext4 rw,relatime 0 0");
        return m;
    }

    private static Map<String, HostAudit.Result> judge(Map<String, String> probes, Role role) {
        return HostAudit.judge(new HostFacts(probes), role, 22).stream()
                .collect(Collectors.toMap(r -> r.check().id(), r -> r));
    }

    private static String idOf(String titleStart) {
        return HostAudit.checks().stream().filter(c -> c.title().startsWith(titleStart)).findFirst().orElseThrow().id();
    }

    @Test
    void atLeast120ChecksWithUniqueIdsEveryCategoryAndAProbeForEach() {
        List<HostAuditCheck> checks = HostAudit.checks();
        assertThat(checks).hasSizeGreaterThanOrEqualTo(120);
        assertThat(checks.stream().map(HostAuditCheck::id).distinct().count()).isEqualTo(checks.size());
        assertThat(checks).extracting(HostAuditCheck::category).contains("accounts", "ssh", "firewall", "kernel", "files", "network",
                "updates", "mac", "logging", "time", "cron", "mounts", "coredumps");
        assertThat(checks).allSatisfy(c -> {
            assertThat(HostAudit.probes().containsKey(c.probe()) || List.of("ww", "wwdirs", "suid", "upgradable", "listen-fw").contains(c.probe()))
                    .as(c.probe()).isTrue();
            assertThat(c.why()).isNotBlank();
            assertThat(c.fix()).isNotBlank();
        });
        assertThat(HostAudit.probes().get("shadow")).as("never a hash off the host").doesNotContain("print $2");
        assertThat(HostAudit.probes().get("slow")).contains("apt list --upgradable").doesNotContain("apt-get");
    }

    @Test
    void aGoodHostPassesTheKeyChecksWithTheLinesJudgedAsEvidence() {
        Map<String, HostAudit.Result> r = judge(good(), Role.WEB);
        HostAudit.Result fwd = r.get(idOf("net.ipv4.ip_forward is"));
        assertThat(fwd.status()).isEqualTo(Status.PASS);
        assertThat(fwd.evidence()).containsExactly("net.ipv4.ip_forward = 0");
        assertThat(r.get(idOf("sshd passwordauthentication")).status()).isEqualTo(Status.PASS);
        assertThat(r.get(idOf("sshd ciphers")).status()).isEqualTo(Status.PASS);
        assertThat(r.get("CD-ACC-001").status()).isEqualTo(Status.PASS);
        assertThat(r.get("CD-ACC-002").status()).isEqualTo(Status.PASS);
        assertThat(r.get("CD-ACC-008").status()).isEqualTo(Status.PASS);
        assertThat(r.get("CD-NET-001").status()).as("22 and 80 on a web host, 3306 on loopback").isEqualTo(Status.PASS);
        assertThat(r.get("CD-FW-001").status()).isEqualTo(Status.PASS);
        assertThat(r.get("CD-FILE-102").status()).isEqualTo(Status.PASS);
        assertThat(r.get(idOf("/tmp is mounted noexec")).status()).isEqualTo(Status.PASS);
        assertThat(r.get(idOf("/etc/shadow is owned")).status()).isEqualTo(Status.PASS);
        assertThat(r.get(idOf("kernel.kptr_restrict")).status()).as("key not in the output: skipped, not passed").isEqualTo(Status.SKIP);
    }

    @Test
    void plantedProblemsFailWithTheirEvidence() {
        Map<String, String> p = good();
        p.put("sysctl", "net.ipv4.ip_forward = 1");
        p.put("sshd", "port 22\npermitrootlogin yes\npasswordauthentication yes\nciphers aes128-cbc,aes256-gcm@openssh.com");
        p.put("passwd", "root:x:0:0:root:/root:/bin/bash\ntoor:x:0:0::/root:/bin/sh");
        p.put("shadow", "root:LOCKED\ntoor:EMPTY");
        p.put("sudoers", "deploy ALL=(ALL) NOPASSWD: ALL");
        p.put("stat", "/etc/shadow 644 root shadow");
        p.put("ww", "/usr/local/bin/tool");
        p.put("listen", "LISTEN 0 128 0.0.0.0:22 0.0.0.0:*\nLISTEN 0 5 0.0.0.0:9999 0.0.0.0:*");
        p.put("firewall", "v4 -P INPUT ACCEPT\nnftrules 0\niptrules 0");
        p.put("upgradable", "openssl/bookworm-security 3.0.15-1~deb12u1 amd64 [upgradable from: 3.0.14-1~deb12u2]");
        Map<String, HostAudit.Result> r = judge(p, Role.WEB);
        assertThat(r.get(idOf("net.ipv4.ip_forward is")).evidence()).containsExactly("net.ipv4.ip_forward = 1");
        assertThat(r.get(idOf("net.ipv4.ip_forward is")).status()).isEqualTo(Status.FAIL);
        assertThat(r.get(idOf("sshd passwordauthentication")).evidence()).containsExactly("passwordauthentication yes");
        assertThat(r.get(idOf("sshd permitrootlogin")).status()).isEqualTo(Status.FAIL);
        assertThat(r.get(idOf("sshd ciphers")).status()).isEqualTo(Status.FAIL);
        assertThat(r.get("CD-ACC-001").evidence()).containsExactly("toor:x:0:0::/root:/bin/sh");
        assertThat(r.get("CD-ACC-002").evidence()).containsExactly("toor:EMPTY");
        assertThat(r.get("CD-ACC-008").status()).isEqualTo(Status.FAIL);
        assertThat(r.get(idOf("/etc/shadow is owned")).evidence()).containsExactly("/etc/shadow 644 root shadow");
        assertThat(r.get("CD-FILE-102").evidence()).containsExactly("/usr/local/bin/tool");
        assertThat(r.get("CD-NET-001").evidence()).containsExactly("LISTEN 0 5 0.0.0.0:9999 0.0.0.0:*");
        assertThat(r.get("CD-FW-001").status()).isEqualTo(Status.FAIL);
        assertThat(r.get("CD-FW-003").status()).isEqualTo(Status.FAIL);
        assertThat(r.get("CD-UPD-001").status()).isEqualTo(Status.FAIL);
        assertThat(HostAudit.index(List.copyOf(r.values()))).isLessThan(HostAudit.index(List.copyOf(judge(good(), Role.WEB).values())));
    }

    @Test
    void theRoleDecidesWhichListenersAreExpected() {
        Map<String, String> p = good();
        p.put("listen", "LISTEN 0 80 0.0.0.0:3306 0.0.0.0:*");
        assertThat(judge(p, Role.DB).get("CD-NET-001").status()).isEqualTo(Status.PASS);
        assertThat(judge(p, Role.WEB).get("CD-NET-001").status()).isEqualTo(Status.FAIL);
        assertThat(judge(p, Role.WEB).get("CD-NET-003").status()).isEqualTo(Status.FAIL);
    }

    @Test
    void hostileOutputIsKeptAsEvidenceNeverCrashesAJudgeAndIsShownEscaped() {
        Map<String, String> p = good();
        p.put("sshd", "port 22\npasswordauthentication yes\u001b[2J\u0007");
        p.put("listen", "LISTEN 0 5 0.0.0.0:notaport\nLISTEN 0 5 0.0.0.0:4444\u001b]0;pwned\u0007 0.0.0.0:*\ngarbage");
        p.put("logindefs", "UMASK\nPASS_MAX_DAYS x");
        p.put("stat", "/etc/shadow rwx root");
        List<HostAudit.Result> all = HostAudit.judge(new HostFacts(p), Role.WEB, 22);
        assertThat(all).hasSize(HostAudit.checks().size());
        Map<String, HostAudit.Result> r = all.stream().collect(Collectors.toMap(x -> x.check().id(), x -> x));
        HostAudit.Result pw = r.get(idOf("sshd passwordauthentication"));
        assertThat(pw.status()).isEqualTo(Status.FAIL);
        assertThat(pw.evidence().get(0)).contains("\u001b");
        String shown = HostAuditText.text(new HostAudit.Report("h1", Role.WEB, all, HostAudit.index(all), 5));
        assertThat(shown).doesNotContain("\u001b").doesNotContain("\u0007").contains("passwordauthentication yes");
        assertThat(r.get(idOf("Default umask")).status()).isEqualTo(Status.SKIP);
        assertThat(r.get(idOf("Default umask")).evidence().get(0)).startsWith("the output could not be judged");
    }

    @Test
    void theSlowProbesLinesAreSplitByPrefix() {
        Map<String, String> p = good();
        p.keySet().removeAll(List.of("ww", "wwdirs", "suid", "upgradable"));
        p.put("slow", "suid /usr/bin/su\nww /usr/local/bin/x\nupgradable openssl/bookworm-security 3.0.15 amd64");
        Map<String, HostAudit.Result> r = judge(p, Role.WEB);
        assertThat(r.get("CD-FILE-102").evidence()).containsExactly("/usr/local/bin/x");
        assertThat(r.get("CD-FILE-103").status()).isEqualTo(Status.PASS);
        assertThat(r.get("CD-FILE-104").status()).isEqualTo(Status.PASS);
        assertThat(r.get("CD-UPD-001").status()).isEqualTo(Status.FAIL);
    }

    @Test
    void aMissingProbeSkipsItsChecksAndTheIndexIgnoresSkips() {
        List<HostAudit.Result> r = HostAudit.judge(new HostFacts(Map.of()), Role.WEB, 22);
        assertThat(r).allSatisfy(x -> assertThat(x.status()).isEqualTo(Status.SKIP));
        assertThat(HostAudit.index(r)).isZero();
    }
}
