package org.clusterdeck.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Secrets in benchmark headers and URLs are sent but never kept in the form that is stored or shown. */
class BenchmarkSpecSecretsTest {
    private static BenchmarkSpec spec(String url, List<Header> headers) {
        return BenchmarkSpec.of(url, 1, 1, null, 0, null, null, "GET", headers, null, false);
    }

    @Test
    void urlCredentialsBecomeASecretBasicHeaderAndLeaveTheUrl() {
        BenchmarkSpec s = spec("http://bob:p%40ss@127.0.0.1:8080/x?q=1", List.of());
        assertThat(s.url().toString()).isEqualTo("http://127.0.0.1:8080/x?q=1");
        String basic = Base64.getEncoder().encodeToString("bob:p@ss".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(s.encodeRequest(), StandardCharsets.UTF_8)).contains("Authorization: Basic " + basic + "\r\n");
        assertThat(s.headers()).singleElement().satisfies(h -> assertThat(h.redacted()).isEqualTo("Authorization: <redacted>"));
    }

    @Test
    void urlCredentialsAndAnAuthorizationHeaderAtOnceAreRefused() {
        assertThatThrownBy(() -> spec("http://bob:x@127.0.0.1/", List.of(Header.parse("Authorization: Bearer t"))))
                .hasMessageContaining("keep one of them").hasMessageNotContaining("Bearer");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Authorization: Basic abc | Authorization: <redacted>",
            "Cookie: a=b | Cookie: <redacted>",
            "Set-Cookie: a=b | Set-Cookie: <redacted>",
            "X-Auth-Token: abc | X-Auth-Token: <redacted>",
            "X-Api-Key: abc | X-Api-Key: <redacted>",
            "X-Session-Id: abc | X-Session-Id: <redacted>",
            "!X-Signature: abc | X-Signature: <redacted>",
            "! X-Plain: abc | X-Plain: <redacted>",
            "X-Trace: abc | X-Trace: abc",
            "Accept: text/html | Accept: text/html"})
    void secretHeadersAreRedactedAndMarkedOnesToo(String line, String stored) {
        Header h = Header.parse(line);
        assertThat(h.redacted()).isEqualTo(stored);
        assertThat(h.value()).as("the real value is still sent").isEqualTo(line.substring(line.indexOf(':') + 1).strip());
    }

    @Test
    void aLineWithoutColonIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> Header.parse("Bearer-SECRET123")).hasMessageContaining("must look like 'Name: value'")
                .hasMessageNotContaining("SECRET123");
    }
}
