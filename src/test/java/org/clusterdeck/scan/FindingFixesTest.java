package org.clusterdeck.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.clusterdeck.harden.HardenStep;
import org.junit.jupiter.api.Test;

/** Which wizard step and options each kind of finding gets. */
class FindingFixesTest {

    private static Finding finding(String id, String title) {
        return new Finding(id, 5, title, "evidence", "why", "fix");
    }

    private static HostAuditCheck check(String titleStart) {
        return HostAudit.checks().stream().filter(c -> c.title().startsWith(titleStart)).findFirst().orElseThrow();
    }

    private static Optional<FindingFix> host(HostAuditCheck c) {
        return FindingFixes.forFinding(ScanKind.HOST, finding(c.id(), c.title()));
    }

    @Test
    void everyHostCheckWithAStepGetsThatStepAndTheOthersNone() {
        int withStep = 0;
        for (HostAuditCheck c : HostAudit.checks()) {
            Optional<FindingFix> fix = host(c);
            if (c.step() == null) {
                assertThat(fix).as(c.id()).isEmpty();
            } else {
                withStep++;
                assertThat(fix).as(c.id()).get().extracting(FindingFix::step).isEqualTo(HardenStep.parse(c.step()));
                assertThat(fix.get().summary()).as(c.id()).isNotBlank().doesNotContain("null");
            }
        }
        assertThat(withStep).isGreaterThanOrEqualTo(40);
    }

    @Test
    void theFourPlantedProblemsOfTheIssue() {
        FindingFix pw = host(check("sshd passwordauthentication")).orElseThrow();
        assertThat(pw.step()).isEqualTo(HardenStep.SSH);
        assertThat(pw.summary()).startsWith("The SSH step's drop-in sets passwordauthentication to no;");
        FindingFix fwd = host(check("net.ipv4.ip_forward is")).orElseThrow();
        assertThat(fwd.step()).isEqualTo(HardenStep.KERNEL);
        assertThat(fwd.options()).containsExactly(Map.entry("kernel.ipForward", "auto"));
        FindingFix ww = host(check("No world-writable files")).orElseThrow();
        assertThat(ww.step()).isEqualTo(HardenStep.PERMISSIONS);
        assertThat(ww.options()).containsExactly(Map.entry("permissions.worldWritable", "remove"));
        FindingFix listener = host(check("No TCP listener")).orElseThrow();
        assertThat(listener.step()).isEqualTo(HardenStep.FIREWALL);
        assertThat(host(check("Only well-known set-user-ID")).orElseThrow().options()).containsEntry("permissions.suid", "remove");
    }

    @Test
    void checksTheStepDoesNotTurnToPassedHaveNoFix() {
        // the kernel step does not set secure_redirects; the SSH step's drop-in has no PermitEmptyPasswords; nothing enables a kernel LSM
        assertThat(host(check("net.ipv4.conf.all.secure_redirects"))).isEmpty();
        assertThat(host(check("sshd permitemptypasswords"))).isEmpty();
        assertThat(host(check("AppArmor or SELinux is enabled"))).isEmpty();
        assertThat(FindingFixes.forFinding(ScanKind.HOST, finding("CD-NOPE-999", "unknown"))).isEmpty();
    }

    @Test
    void sshAlgorithmFindingsAreTheSshStepsAndTerrapinAndTlsAndHttpHaveNone() {
        for (String id : List.of("ssh-kex-diffie-hellman-group14-sha1", "ssh-host-key-ssh-rsa", "ssh-cipher-aes128-cbc", "ssh-mac-hmac-sha1")) {
            FindingFix f = FindingFixes.forFinding(ScanKind.SSH, finding(id, "Weak cipher offered: aes128-cbc")).orElseThrow();
            assertThat(f.step()).as(id).isEqualTo(HardenStep.SSH);
            assertThat(f.summary()).contains("aes128-cbc is no longer offered");
        }
        assertThat(FindingFixes.forFinding(ScanKind.SSH, finding("ssh-terrapin", "Terrapin"))).isEmpty();
        assertThat(FindingFixes.forFinding(ScanKind.SSH, finding("ssh-protocol-1", "SSH-1"))).isEmpty();
        assertThat(FindingFixes.forFinding(ScanKind.TLS, finding("tls-tls10", "TLSv1.0 accepted"))).isEmpty();
        assertThat(FindingFixes.forFinding(ScanKind.HTTP, finding("http-hsts-missing", "no HSTS"))).isEmpty();
        FindingFix unexpected = FindingFixes.forFinding(ScanKind.PORTS, finding("PORT-UNEXPECTED-8080", "Port 8080/tcp is open")).orElseThrow();
        assertThat(unexpected.step()).isEqualTo(HardenStep.FIREWALL);
        assertThat(unexpected.summary()).contains("drops 8080/tcp").contains("firewall.extraPorts");
        assertThat(FindingFixes.forFinding(ScanKind.PORTS, finding("PORT-EXPOSED-3306", "MySQL open to everyone")).orElseThrow().summary())
                .contains("its web hosts and replication peers");
        assertThat(FindingFixes.forFinding(ScanKind.PORTS, finding("PORT-SOMETHING-ELSE", "?"))).isEmpty();
    }
}
