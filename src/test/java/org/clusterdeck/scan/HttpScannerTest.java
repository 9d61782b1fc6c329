package org.clusterdeck.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.clusterdeck.net.TargetPolicy;
import org.clusterdeck.net.TargetRefusedException;
import org.junit.jupiter.api.Test;

/** The HTTP scanner against hand-written responses on loopback (hostile peers), and its score's letters. */
class HttpScannerTest {
    private final HttpScanner scanner = new HttpScanner(TargetPolicy.withoutInventory());

    @Test
    void aRedirectToHttpsAndADirectoryListingAreSeenAndHostileHeadersKeptAsReceived() throws Exception {
        String response = "HTTP/1.1 301 Moved Permanently\r\nLocation: https://example.test/\r\n"
                + "Server: nginx/1.22.1\r\nX-Evil: \u001b[2J\u001b]52;c;ZXZpbA==\u0007\r\nContent-Length: 40\r\n\r\n"
                + "<html><title>Index of /</title></html>\n";
        try (ServerSocket s = serve(response)) {
            HttpScanResult r = scanner.scan("http://127.0.0.1:" + s.getLocalPort() + "/");
            assertThat(r.status()).isEqualTo(301);
            assertThat(r.findings()).extracting(Finding::id).contains("http-directory-listing", "http-server-tokens")
                    .doesNotContain("http-no-https-redirect");
            assertThat(r.headers()).anySatisfy(h -> assertThat(h.value()).isEqualTo("\u001b[2J\u001b]52;c;ZXZpbA==\u0007"));
        }
    }

    @Test
    void gradesFollowTheObservatoryScale() {
        assertThat(HttpScanner.grade(105)).isEqualTo("A+");
        assertThat(HttpScanner.grade(85)).isEqualTo("A-");
        assertThat(HttpScanner.grade(30)).isEqualTo("D");
        assertThat(HttpScanner.grade(0)).isEqualTo("F");
    }

    @Test
    void notHttpAndRefusedTargetsAreClearErrors() throws Exception {
        try (ServerSocket s = serve("SSH-2.0-OpenSSH_9.2\r\n\r\n")) {
            assertThatThrownBy(() -> scanner.scan("http://127.0.0.1:" + s.getLocalPort() + "/"))
                    .isInstanceOf(IOException.class).hasMessageContaining("not an HTTP response");
        }
        assertThatThrownBy(() -> scanner.scan("http://192.0.2.1/")).isInstanceOf(TargetRefusedException.class);
        assertThatThrownBy(() -> scanner.scan("ftp://127.0.0.1/")).hasMessageContaining("not an http:// or https:// URL");
    }

    private static ServerSocket serve(String response) throws IOException {
        ServerSocket s = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            try (Socket c = s.accept()) {
                OutputStream out = c.getOutputStream();
                out.write(response.getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                // the scanner left
            }
        });
        t.setDaemon(true);
        t.start();
        return s;
    }
}
