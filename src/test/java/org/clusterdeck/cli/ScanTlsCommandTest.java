package org.clusterdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import javax.naming.ldap.LdapName;
import org.clusterdeck.scan.TlsNginx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code clusterdeck scan tls} against a real nginx: a certificate subject with markup, quotes and a
 * newline is one escaped line in the text and comes back unchanged from the JSON; OCSP and HSTS fields.
 */
class ScanTlsCommandTest {
    @TempDir
    Path dir;

    @Test
    void aHostileSubjectIsEscapedInTextAndRoundTripsInJsonAndOcspAndHstsAreReported() throws Exception {
        try (TlsNginx nginx = TlsNginx.start()) {
            CliRun.Outcome json = CliRun.run(dir.resolve("data"), Map.of(), "scan", "tls", "127.0.0.1:" + nginx.hostile, "--json");
            assertThat(json.exitCode()).as(json.err()).isZero();
            JsonNode j = new ObjectMapper().readTree(json.out());
            String subject = j.get("certificate").get("subject").asText();
            assertThat(new LdapName(subject).getRdn(0).getValue()).as("the CN as the certificate holds it")
                    .isEqualTo(TlsNginx.SCRIPT_CN);
            assertThat(j.get("ocsp").get("responders")).isEmpty();
            assertThat(j.get("ocsp").get("stapled").asBoolean()).isFalse();
            assertThat(j.get("hsts").get("header").isNull()).isTrue();

            CliRun.Outcome text = CliRun.run(dir.resolve("data"), Map.of(), "scan", "tls", "127.0.0.1:" + nginx.hostile);
            assertThat(text.exitCode()).as(text.err()).isZero();
            String line = text.out().lines().filter(l -> l.startsWith("Certificate: ")).findFirst().orElseThrow();
            assertThat(line).as("the newline shown, not acted on").contains("\\n" + "next line").contains("alert(1)");
            assertThat(text.out()).doesNotContain("\nnext line");
            assertThat(text.out()).contains("OCSP: the certificate names no responder");

            CliRun.Outcome good = CliRun.run(dir.resolve("data"), Map.of(), "scan", "tls", "127.0.0.1:" + nginx.intermediate,
                    "--json");
            JsonNode g = new ObjectMapper().readTree(good.out());
            assertThat(g.get("findings")).isEmpty();
            assertThat(g.get("ocsp").get("stapled").asBoolean()).isTrue();
            assertThat(g.get("ocsp").get("certStatus").asText()).isEqualTo("good");
            assertThat(g.get("hsts").get("maxAge").asLong()).isEqualTo(63_072_000L);
            assertThat(g.get("groups").get("TLSv1.3").findValuesAsText("name")).containsExactlyInAnyOrder("x25519",
                    "secp256r1", "secp384r1");
            assertThat(g.get("gradingReference").asText()).contains("6.0");
        }
    }
}
