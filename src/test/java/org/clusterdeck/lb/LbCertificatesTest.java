package org.clusterdeck.lb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.List;
import org.clusterdeck.lab.LocalCommand;
import org.clusterdeck.model.StepKind;
import org.junit.jupiter.api.Test;

/** The OCSP responder read from real certificates (openssl-made, with and without one), the lab and certbot commands. */
class LbCertificatesTest {
    @Test
    void ocspResponderIsReadFromTheCertificateAndAbsentWhenItNamesNone() throws Exception {
        try (NginxCheck n = new NginxCheck()) {
            assertThat(OcspResponder.of(Files.readString(java.nio.file.Path.of(n.cert)))).isEmpty();
            String withOcsp = n.dir + "/ocsp.crt";
            LocalCommand.check("openssl", "req", "-x509", "-key", n.key, "-out", withOcsp, "-days", "2", "-subj", "/CN=ocsp.test",
                    "-addext", "authorityInfoAccess=OCSP;URI:http://ocsp.example.test/r1,caIssuers;URI:http://ca.example.test/r1.der");
            assertThat(OcspResponder.of(Files.readString(java.nio.file.Path.of(withOcsp)))).contains("http://ocsp.example.test/r1");
            String onlyIssuer = n.dir + "/issuer.crt";
            LocalCommand.check("openssl", "req", "-x509", "-key", n.key, "-out", onlyIssuer, "-days", "2", "-subj", "/CN=x",
                    "-addext", "authorityInfoAccess=caIssuers;URI:http://ca.example.test/r1.der");
            assertThat(OcspResponder.of(Files.readString(java.nio.file.Path.of(onlyIssuer)))).isEmpty();
            // import reads a certificate it can reach on this machine: stapling with no responder is an error then
            String conf = "server { listen 443 ssl; ssl_certificate %s; ssl_certificate_key %s; ssl_stapling on; resolver 127.0.0.53; }";
            assertThat(NginxImport.read(conf.formatted(n.cert, n.key)).findings()).anySatisfy(f -> {
                assertThat(f.severity()).isEqualTo(LbFinding.Severity.ERROR);
                assertThat(f.reason()).contains("names no OCSP responder");
            });
            assertThat(NginxImport.read(conf.formatted(withOcsp, n.key)).findings()).noneSatisfy(f -> assertThat(f.directive()).isEqualTo("ssl_stapling"));
        }
        assertThatThrownBy(() -> OcspResponder.of("not a certificate")).hasMessageContaining("Not a PEM certificate");
    }

    @Test
    void labCertificateIsMadeOnTheHostWithNamesAsArgumentsAndUndoneByRemovingIt() {
        var step = LbCertificates.labCertificateStep(List.of("_", "lb.lab.test", "10.1.2.3", ".example.org"));
        assertThat(step.kind()).isEqualTo(StepKind.COMMAND);
        assertThat(step.after()).contains("umask 077").contains("chmod 0600").contains("lab-certificate /etc/nginx/clusterdeck-tls lb.lab.test")
                .contains("DNS:lb.lab.test,IP:10.1.2.3,DNS:*.example.org").doesNotContain("PRIVATE");
        assertThat(step.undo()).isEqualTo("rm -rf -- /etc/nginx/clusterdeck-tls");
    }

    @Test
    void certbotCommandsUseTheNginxPluginAndRenewalReloadsNginx() {
        List<String> lines = LbCertificates.certbot(List.of("example.com", "www.example.com", "_"));
        assertThat(lines).contains("sudo certbot certonly --nginx -d example.com -d www.example.com --deploy-hook 'systemctl reload nginx'",
                "sudo certbot renew --dry-run");
        assertThat(String.join("\n", lines)).doesNotContain("--standalone").contains("/etc/letsencrypt/live/example.com/fullchain.pem");
        assertThatThrownBy(() -> LbCertificates.certbot(List.of("_"))).hasMessageContaining("public name");
    }
}
