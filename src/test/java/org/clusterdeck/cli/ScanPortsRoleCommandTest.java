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
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scan ports --role}: loopback listeners judged as a load balancer's ports, in text and JSON. */
class ScanPortsRoleCommandTest {
    @TempDir
    Path dir;

    private ServerSocket server;

    @AfterEach
    void close() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    /** A real listener on 127.0.0.1 that sends {@code banner} to each client. */
    private int listener(String banner) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        ServerSocket s = server;
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

    @Test
    void anUnneededPortIsAFindingWithItsBannerEscapedInTextAndRawInJson() throws Exception {
        int port = listener("+OK \u001b[2Jredis\r\n");
        CliRun.Outcome text = CliRun.run(dir.resolve("data"), Map.of(), "scan", "ports", "127.0.0.1", "-p", Integer.toString(port),
                "--role", "lb");
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("Findings for the role lb:").contains("PORT-UNEXPECTED-" + port).contains("5.3 Medium")
                .contains("banner: +OK \\e[2Jredis").doesNotContain("\u001b");

        CliRun.Outcome json = CliRun.run(dir.resolve("data"), Map.of(), "scan", "ports", "127.0.0.1", "-p", Integer.toString(port),
                "--role", "LB", "--json");
        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(json.out());
        assertThat(j.get("openPorts").get(0).asInt()).isEqualTo(port);
        assertThat(j.get("elapsedMs").isNumber()).isTrue();
        assertThat(j.get("role").asText()).isEqualTo("lb");
        JsonNode f = j.get("findings").get(0);
        assertThat(f.get("id").asText()).isEqualTo("PORT-UNEXPECTED-" + port);
        assertThat(f.get("severity").asDouble()).isEqualTo(5.3);
        assertThat(f.get("evidence").asText()).endsWith("banner: +OK \u001b[2Jredis");
        assertThat(f.get("fix").asText()).contains("Firewall step");
    }

    @Test
    void withoutARoleThereAreNoFindingsAndABadRoleIsAUsageError() throws Exception {
        int port = listener("");
        CliRun.Outcome plain = CliRun.run(dir.resolve("data"), Map.of(), "scan", "ports", "127.0.0.1", "-p", Integer.toString(port), "--json");
        assertThat(plain.exitCode()).as(plain.err()).isZero();
        assertThat(new ObjectMapper().readTree(plain.out()).has("findings")).isFalse();

        CliRun.Outcome bad = CliRun.run(dir.resolve("data"), Map.of(), "scan", "ports", "127.0.0.1", "-p", Integer.toString(port),
                "--role", "mailserver");
        assertThat(bad.exitCode()).isEqualTo(Cli.USAGE);
        assertThat(bad.err()).contains("--role").contains("web, lb, db, hypervisor or other");
    }
}
