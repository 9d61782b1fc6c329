package org.clusterdeck.scan;

import static org.assertj.core.api.Assertions.assertThat;

import org.clusterdeck.lab.LabExtension;
import org.clusterdeck.lab.LabHosts;
import org.clusterdeck.lab.LabSize;
import org.clusterdeck.lab.LocalCommand;
import org.clusterdeck.net.TargetPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The HTTP scanner on a lab host's real nginx: Debian's default site, then with security headers set. */
@ExtendWith(LabExtension.class)
@LabSize(1)
class HttpScanLabTest {

    @Test
    void defaultNginxScoresLowAndHeadersRaiseTheScore(LabHosts lab) throws Exception {
        String url = "http://" + lab.host(1).address() + "/";
        HttpScanner scanner = new HttpScanner(TargetPolicy.withoutInventory());

        // planted: Debian's default page, as a fresh nginx install serves it (the lab host serves its own page)
        LocalCommand.Result plant = lab.exec(1, "cp", "/var/www/html/index.nginx-debian.html", "/var/www/html/index.html");
        assertThat(plant.ok()).as(plant.reason()).isTrue();
        HttpScanResult before = scanner.scan(url);
        assertThat(before.status()).isEqualTo(200);
        assertThat(before.findings()).extracting(Finding::id).containsExactlyInAnyOrder("http-no-https-redirect",
                "http-csp-missing", "http-framing-allowed", "http-nosniff-missing", "http-server-tokens", "http-default-page");
        assertThat(before.score()).as("100 - 20 redirect - 25 CSP - 20 framing - 5 nosniff").isEqualTo(30);
        assertThat(before.grade()).isEqualTo("D");
        Finding tokens = before.findings().stream().filter(f -> f.id().equals("http-server-tokens")).findFirst().orElseThrow();
        assertThat(tokens.evidence()).startsWith("Server: nginx/");

        LocalCommand.Result w = lab.exec(1, "/bin/sh", "-c", "printf '%s\\n' 'server_tokens off;' "
                + "'add_header X-Frame-Options DENY always;' 'add_header X-Content-Type-Options nosniff always;' "
                + "\"add_header Content-Security-Policy \\\"default-src 'self'; frame-ancestors 'self'\\\" always;\" "
                + "'add_header Referrer-Policy strict-origin-when-cross-origin always;' > /etc/nginx/conf.d/clusterdeck-scan-test.conf"
                + " && echo '<h1>lab site</h1>' > /var/www/html/index.html && nginx -t && systemctl reload nginx");
        assertThat(w.ok()).as(w.reason()).isTrue();
        HttpScanResult after = scanner.scan(url);
        for (int i = 0; i < 50 && after.findings().size() > 1; i++) { // nginx reloads in the background
            Thread.sleep(100);
            after = scanner.scan(url);
        }
        assertThat(after.findings()).extracting(Finding::id).containsExactly("http-no-https-redirect");
        assertThat(after.score()).as("100 - 20 redirect + 5 referrer policy").isEqualTo(85);
        assertThat(after.grade()).isEqualTo("A-");
        assertThat(after.modifiers()).extracting(HttpScanResult.Modifier::test).contains("content-security-policy",
                "x-frame-options", "x-content-type-options", "referrer-policy", "redirection", "strict-transport-security");
    }
}
