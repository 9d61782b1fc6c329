package org.clusterdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code clusterdeck scan ports}: output, JSON, hostile banners shown escaped, bad options, refused targets. */
class ScanCommandTest {
    @TempDir
    Path dir;

    private final List<ServerSocket> servers = new ArrayList<>();

    @AfterEach
    void closeServers() throws IOException {
        for (ServerSocket s : servers) {
            s.close();
        }
    }

    private int listener(String banner) throws IOException {
        ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        servers.add(s);
        Thread t = new Thread(() -> {
            while (!s.isClosed()) {
                try (Socket c = s.accept()) {
                    OutputStream out = c.getOutputStream();
                    out.write(banner.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                } catch (IOException e) {
                    // closed by the test or reset by the scanner
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return s.getLocalPort();
    }

    private CliRun.Outcome scan(String... args) {
        List<String> all = new ArrayList<>(List.of("scan", "ports"));
        all.addAll(List.of(args));
        return CliRun.run(dir.resolve("data"), Map.of(), all.toArray(String[]::new));
    }

    @Test
    void jsonIsOneObjectWithOpenPortsBannersAndElapsedTime() throws Exception {
        int web = listener("");
        int ssh = listener("SSH-2.0-OpenSSH_9.2\r\n");
        CliRun.Outcome o = scan("127.0.0.1", "-p", web + "," + ssh + ",1", "--json");
        assertThat(o.exitCode()).as(o.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(o.out());
        assertThat(j.isObject()).isTrue();
        List<Integer> open = new ArrayList<>();
        j.get("openPorts").forEach(n -> open.add(n.asInt()));
        assertThat(open).containsExactlyInAnyOrder(web, ssh);
        assertThat(j.get("elapsedMs").isNumber()).isTrue();
        assertThat(j.get("closedCount").asInt()).isEqualTo(1);
        assertThat(j.get("open").findValuesAsText("banner")).contains("SSH-2.0-OpenSSH_9.2");
    }

    @Test
    void aHostileBannerIsShownEscapedInTextAndJson() throws Exception {
        // clears the screen, writes the clipboard (OSC 52) and reverses the line if printed raw
        int port = listener("220 \u001b[2J\u001b]52;c;ZXZpbA==\u0007evil\u202e\r\n");
        CliRun.Outcome text = scan("127.0.0.1", "-p", Integer.toString(port));
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("220 \\e[2J\\e]52;c;ZXZpbA==\\x07evil\\u202e")
                .doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\u202e");
        CliRun.Outcome json = scan("127.0.0.1", "-p", Integer.toString(port), "--json");
        assertThat(json.out()).doesNotContain("\u001b").doesNotContain("\u0007");
        assertThat(new ObjectMapper().readTree(json.out()).get("open").get(0).get("banner").asText())
                .isEqualTo("220 \u001b[2J\u001b]52;c;ZXZpbA==\u0007evil\u202e");
    }

    @Test
    void badOptionsNameTheOptionAndExitTwo() {
        CliRun.Outcome ports = scan("127.0.0.1", "-p", "22,http");
        assertThat(ports.exitCode()).isEqualTo(Cli.USAGE);
        assertThat(ports.err()).contains("-p:").contains("'http'").contains("22,80,443");
        CliRun.Outcome rate = scan("127.0.0.1", "--rate", "-5");
        assertThat(rate.exitCode()).isEqualTo(Cli.USAGE);
        assertThat(rate.err()).contains("--rate");
        CliRun.Outcome timeout = scan("127.0.0.1", "--timeout-ms", "0");
        assertThat(timeout.exitCode()).isEqualTo(Cli.USAGE);
        assertThat(timeout.err()).contains("--timeout-ms");
        CliRun.Outcome notANumber = scan("127.0.0.1", "--rate", "fast");
        assertThat(notANumber.exitCode()).isEqualTo(Cli.USAGE);
        assertThat(notANumber.err()).contains("--rate");
    }

    @Test
    void scanHostRefusesDemoAndUnknownHostsBeforeContactingAny() {
        CliRun.Outcome demo = CliRun.run(dir.resolve("data"), Map.of(), "scan", "host", "pve1", "--json");
        assertThat(demo.exitCode()).isEqualTo(Cli.FAILED);
        assertThat(demo.err()).contains("pve1").contains("demo host").contains("lab up");
        CliRun.Outcome unknown = CliRun.run(dir.resolve("data"), Map.of(), "scan", "host", "nosuch");
        assertThat(unknown.exitCode()).isEqualTo(Cli.FAILED);
        assertThat(unknown.err()).contains("nosuch");
        assertThat(demo.out() + unknown.out()).isEmpty();
    }

    @Test
    void demoHostsAndOutsideAddressesAreRefusedWithTheReason() {
        CliRun.Outcome demo = scan("pve1", "-p", "22");
        assertThat(demo.exitCode()).isEqualTo(Cli.FAILED);
        assertThat(demo.err()).contains("pve1").contains("demo lab").contains("lab up");
        CliRun.Outcome outside = scan("192.0.2.1", "-p", "22");
        assertThat(outside.exitCode()).isEqualTo(Cli.FAILED);
        assertThat(outside.err()).contains("Refusing to send traffic to 192.0.2.1");
        assertThat(demo.out() + outside.out()).isEmpty();
    }

    @Test
    void scanSshPrintsFindingsAsJsonAndAHostileBannerEscaped() throws Exception {
        // a server still speaking SSH-1 (no KEXINIT follows) whose identification carries escape sequences
        int port = listener("SSH-1.5-Evil\u001b]0;owned\u0007\r\n");
        CliRun.Outcome json = CliRun.run(dir.resolve("data"), Map.of(), "scan", "ssh", "127.0.0.1:" + port, "--json");
        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(json.out());
        assertThat(j.get("protocol").asText()).isEqualTo("1.5");
        JsonNode f = j.get("findings").get(0);
        assertThat(f.get("id").asText()).isEqualTo("ssh-protocol-1");
        assertThat(f.get("severity").asDouble()).isEqualTo(7.4);
        assertThat(f.get("title").asText()).contains("protocol 1");
        assertThat(j.get("notChecked").get(0).asText()).contains("password authentication");
        assertThat(json.out()).doesNotContain("\u001b").doesNotContain("\u0007");

        CliRun.Outcome text = CliRun.run(dir.resolve("data"), Map.of(), "scan", "ssh", "127.0.0.1:" + port);
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("SSH-1.5-Evil\\e]0;owned\\x07").contains("7.4 High")
                .doesNotContain("\u001b").doesNotContain("\u0007");

        CliRun.Outcome bad = CliRun.run(dir.resolve("data"), Map.of(), "scan", "ssh", "127.0.0.1:ssh");
        assertThat(bad.exitCode()).isEqualTo(Cli.USAGE);
        assertThat(bad.err()).contains("HOST[:PORT]").contains("'ssh' is not a port");
    }

    @Test
    void scanHttpShowsModifiersScoreAndHostileHeadersEscaped() throws Exception {
        int port = listener("HTTP/1.1 200 OK\r\nServer: nginx/1.22.1\u001b[2J\r\nContent-Length: 2\r\n\r\nok");
        CliRun.Outcome text = CliRun.run(dir.resolve("data"), Map.of(), "scan", "http", "http://127.0.0.1:" + port + "/");
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("score 30/100, grade D").contains("content-security-policy").contains("-25")
                .contains("Server: nginx/1.22.1\\e[2J").doesNotContain("\u001b");
        CliRun.Outcome json = CliRun.run(dir.resolve("data"), Map.of(), "scan", "http", "http://127.0.0.1:" + port + "/", "--json");
        JsonNode j = new ObjectMapper().readTree(json.out());
        assertThat(j.get("score").asInt()).isEqualTo(30);
        assertThat(j.get("findings").findValuesAsText("id")).contains("http-csp-missing", "http-server-tokens");
        assertThat(json.out()).doesNotContain("\u001b");
        CliRun.Outcome bad = CliRun.run(dir.resolve("data"), Map.of(), "scan", "http", "127.0.0.1");
        assertThat(bad.exitCode()).isEqualTo(Cli.USAGE);
        assertThat(bad.err()).contains("URL").contains("http://127.0.0.1:8080/");
    }

    @Test
    void scanTlsPrintsProtocolsCiphersFindingsAndAHostileCertificateSubjectEscaped() throws Exception {
        try (org.clusterdeck.scan.TlsNginx nginx = org.clusterdeck.scan.TlsNginx.start()) {
            CliRun.Outcome json = CliRun.run(dir.resolve("data"), Map.of(), "scan", "tls", "127.0.0.1:" + nginx.expired, "--json");
            assertThat(json.exitCode()).as(json.err()).isZero();
            JsonNode j = new ObjectMapper().readTree(json.out());
            assertThat(j.get("protocols").get(0).asText()).isEqualTo("TLSv1.2");
            assertThat(j.get("ciphers").get("TLSv1.2").size()).isPositive();
            assertThat(j.get("ciphers").get("TLSv1.2").get(0).get("id").asText()).startsWith("0x");
            List<String> ids = new ArrayList<>();
            j.get("findings").forEach(f -> ids.add(f.get("id").asText()));
            assertThat(ids).contains("tls-cert-expired", "tls-cert-self-signed");
            JsonNode expired = j.get("findings").get(ids.indexOf("tls-cert-expired"));
            assertThat(expired.get("severity").asDouble()).isEqualTo(7.5);
            assertThat(expired.get("title").asText()).startsWith("Certificate expired");
            assertThat(j.get("certificate").get("subject").asText()).isEqualTo("CN=" + org.clusterdeck.scan.TlsNginx.HOSTILE_CN);
            assertThat(j.get("gradingReference").asText()).contains("Mozilla").contains("6.0");
            assertThat(json.out()).doesNotContain("\u001b");

            CliRun.Outcome text = CliRun.run(dir.resolve("data"), Map.of(), "scan", "tls", "127.0.0.1:" + nginx.expired);
            assertThat(text.exitCode()).as(text.err()).isZero();
            assertThat(text.out()).contains("Certificate: CN=evil\\e[2Jname").contains("7.5 High")
                    .contains("tls-cert-expired").doesNotContain("\u001b");

            CliRun.Outcome good = CliRun.run(dir.resolve("data"), Map.of(), "scan", "tls", "127.0.0.1:" + nginx.intermediate);
            assertThat(good.exitCode()).as(good.err()).isZero();
            assertThat(good.out()).contains("TLSv1.2, TLSv1.3").contains("No findings.");
        }
        CliRun.Outcome bad = CliRun.run(dir.resolve("data"), Map.of(), "scan", "tls", "127.0.0.1:https");
        assertThat(bad.exitCode()).isEqualTo(Cli.USAGE);
        assertThat(bad.err()).contains("HOST[:PORT]").contains("'https' is not a port");
    }
}
