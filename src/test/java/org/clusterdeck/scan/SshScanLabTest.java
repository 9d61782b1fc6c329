package org.clusterdeck.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.clusterdeck.lab.LabExtension;
import org.clusterdeck.lab.LabHosts;
import org.clusterdeck.lab.LabSize;
import org.clusterdeck.lab.LocalCommand;
import org.clusterdeck.net.TargetPolicy;
import org.clusterdeck.testing.RealParts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The SSH scanner on a lab host's real sshd, compared with ssh-audit, before and after a weak configuration. */
@ExtendWith(LabExtension.class)
@LabSize(1)
class SshScanLabTest {

    @Test
    void algorithmListsEqualSshAuditsBeforeAndAfterWeakeningSshd(LabHosts lab) throws Exception {
        RealParts.require(new java.io.File("/usr/bin/ssh-audit").canExecute(),
                "ssh-audit is not installed; install the Debian package ssh-audit (app/packages-test.txt)");
        String address = lab.host(1).address();
        SshScanner scanner = new SshScanner(TargetPolicy.withoutInventory());

        SshScanResult before = scanner.scan(address);
        assertSameAsSshAudit(before, address);
        assertThat(before.software()).startsWith("OpenSSH_");
        assertThat(SshScanResult.names(before.kex())).contains("curve25519-sha256");
        assertThat(before.findings()).extracting(Finding::id)
                .doesNotContain("ssh-cipher-aes128-cbc", "ssh-kex-diffie-hellman-group14-sha1")
                .contains("ssh-mac-umac-64@openssh.com"); // Debian's default MACs include umac-64 and hmac-sha1
        assertThat(before.notChecked()).singleElement().asString().contains("password authentication");

        LocalCommand.Result w = lab.exec(1, "/bin/sh", "-c", "printf '%s\\n' "
                + "'KexAlgorithms curve25519-sha256,diffie-hellman-group14-sha1' "
                + "'Ciphers aes256-gcm@openssh.com,aes128-ctr,aes128-cbc' "
                + "'MACs hmac-sha2-256-etm@openssh.com,hmac-sha1' >> /etc/ssh/sshd_config && sshd -t && systemctl reload ssh");
        assertThat(w.ok()).as(w.reason()).isTrue();
        SshScanResult weak = waitForCiphers(scanner, address, "aes128-cbc");
        assertSameAsSshAudit(weak, address);
        assertThat(SshScanResult.names(weak.ciphers())).containsExactly("aes256-gcm@openssh.com", "aes128-ctr", "aes128-cbc");
        assertThat(SshScanResult.names(weak.macs())).containsExactly("hmac-sha2-256-etm@openssh.com", "hmac-sha1");
        assertThat(weak.findings()).extracting(Finding::id)
                .contains("ssh-cipher-aes128-cbc", "ssh-mac-hmac-sha1", "ssh-kex-diffie-hellman-group14-sha1")
                .doesNotContain("ssh-mac-umac-64@openssh.com");
        Finding cbc = weak.findings().stream().filter(f -> f.id().equals("ssh-cipher-aes128-cbc")).findFirst().orElseThrow();
        assertThat(cbc.label()).isEqualTo("Medium");
        assertThat(cbc.evidence()).contains("aes256-gcm@openssh.com,aes128-ctr,aes128-cbc");
        assertThat(cbc.fix()).contains("Ciphers -aes128-cbc");
    }

    /**
     * sshd reloads in the background (on SIGHUP it executes itself again and for a moment listens on
     * nothing: connection refused): scan until the new configuration answers, at most 30 s.
     */
    private static SshScanResult waitForCiphers(SshScanner scanner, String address, String cipher) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                SshScanResult r = scanner.scan(address);
                if (SshScanResult.names(r.ciphers()).contains(cipher) || System.nanoTime() > end) {
                    return r;
                }
            } catch (java.io.IOException e) {
                if (System.nanoTime() > end) {
                    throw e;
                }
            }
            Thread.sleep(200);
        }
    }

    private static void assertSameAsSshAudit(SshScanResult ours, String address) throws Exception {
        JsonNode audit = sshAudit(address);
        assertThat(SshScanResult.names(ours.kex())).as("kex vs ssh-audit").isEqualTo(field(audit.get("kex"), "algorithm"));
        assertThat(SshScanResult.names(ours.hostKeys())).as("host keys vs ssh-audit").isEqualTo(field(audit.get("key"), "algorithm"));
        assertThat(SshScanResult.names(ours.ciphers())).as("ciphers vs ssh-audit").isEqualTo(field(audit.get("enc"), null));
        assertThat(SshScanResult.names(ours.macs())).as("MACs vs ssh-audit").isEqualTo(field(audit.get("mac"), null));
        assertThat(ours.compression()).as("compression vs ssh-audit").isEqualTo(field(audit.get("compression"), null));
        assertThat(ours.banner()).isEqualTo(audit.get("banner").get("raw").asText());
    }

    private static JsonNode sshAudit(String address) throws Exception {
        Process p = new ProcessBuilder("ssh-audit", "-j", "-p", "22", address).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("ssh-audit finished").isTrue();
        return new ObjectMapper().readTree(out);
    }

    private static List<String> field(JsonNode array, String key) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(key == null ? n.asText() : n.get(key).asText()));
        return out;
    }
}
