package org.clusterdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.clusterdeck.bench.TestHttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BenchCommandTest {
    @TempDir
    Path dataDir;

    record Result(int code, String out, String err) {
    }

    Result cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("--data-dir", dataDir.toString()));
        all.addAll(List.of(args));
        int code = Cli.run(all.toArray(String[]::new), Map.of(), new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void runJsonPrintsRequestsRateErrorsAndLatencyPercentiles() throws Exception {
        try (TestHttpServer server = new TestHttpServer(false)) {
            Result r = cli("bench", "run", server.url("/mixed"), "-c", "4", "-n", "200", "--json", "-H", "X-Test: 1");
            assertThat(r.code()).as(r.err()).isZero();
            JsonNode json = new ObjectMapper().readTree(r.out());
            assertThat(json.get("requests").asLong()).isEqualTo(200);
            assertThat(json.get("errors").asLong()).isEqualTo(100);
            assertThat(json.get("requestsPerSecond").asDouble()).isPositive();
            for (String p : List.of("p50", "p90", "p99", "p999", "max")) {
                assertThat(json.get("latencyMs").get(p).asDouble()).as(p).isPositive();
            }
            assertThat(json.get("id").asLong()).isPositive();
        }
    }

    @Test
    void runsAreListedShownComparedAndExported() throws Exception {
        try (TestHttpServer server = new TestHttpServer(false)) {
            Result first = cli("bench", "run", server.url("/ok"), "-c", "2", "-d", "1500ms", "--label", "before");
            assertThat(first.code()).as(first.err()).isZero();
            assertThat(first.out()).contains("Requests/sec:").contains("Latency (ms):").contains("Stored as run #1");
            assertThat(cli("bench", "run", server.url("/ok"), "-c", "2", "-d", "1500ms").code()).isZero();

            Result list = cli("bench", "list");
            assertThat(list.out()).contains("before").contains(server.url("/ok"));
            assertThat(cli("bench", "show", "1").out()).contains("Run #1 — before").contains("Series:");
            Result compare = cli("bench", "compare", "1", "2");
            assertThat(compare.code()).isZero();
            assertThat(compare.out()).contains("requests/s").contains("p99");

            Path csv = dataDir.resolve("out/run1.csv");
            assertThat(cli("bench", "export", "1", "--format", "csv", "--out", csv.toString()).code()).isZero();
            assertThat(Files.readAllLines(csv).get(0)).startsWith("start_s,width_s,requests");
            Path json = dataDir.resolve("run1.json");
            assertThat(cli("bench", "export", "1", "--out", json.toString()).code()).isZero();
            assertThat(new ObjectMapper().readTree(json.toFile()).get("series").size()).isPositive();

            Result missing = cli("bench", "show", "99");
            assertThat(missing.code()).isNotZero();
            assertThat(missing.err()).contains("No benchmark run #99");
        }
    }

    @Test
    void secretHeadersAndUrlCredentialsAreSentButNeverStoredShownOrExported() throws Exception {
        try (TestHttpServer server = new TestHttpServer(false)) {
            String url = server.url("/ok").replace("http://", "http://bob:HUNTER2@");
            Result r = cli("bench", "run", url, "-c", "2", "-n", "20", "-H", "X-Auth-Token: TOKEN1",
                    "-H", "!X-Signature: SIG2", "-H", "Cookie: c=COOKIE3", "-H", "X-Trace: visible4");
            assertThat(r.code()).as(r.err()).isZero();
            Path json = dataDir.resolve("run.json");
            assertThat(cli("bench", "export", "1", "--out", json.toString()).code()).isZero();
            String shown = r.out() + r.err() + cli("bench", "list").out() + cli("bench", "show", "1").out()
                    + Files.readString(json);
            String basic = java.util.Base64.getEncoder().encodeToString("bob:HUNTER2".getBytes());
            assertThat(shown).doesNotContain("HUNTER2", "TOKEN1", "SIG2", "COOKIE3", basic).contains(server.url("/ok"));
            assertThat(Files.readString(json)).contains("X-Signature: <redacted>", "X-Auth-Token: <redacted>",
                    "X-Trace: visible4");
            try (org.clusterdeck.store.Store store = org.clusterdeck.store.Store.open(dataDir)) {
                String dump = String.join("\n", store.sql().query("SCRIPT", rs -> rs.getString(1)));
                assertThat(dump).contains("visible4").doesNotContain("HUNTER2", "TOKEN1", "SIG2", "COOKIE3", basic);
            }
        }
    }

    @Test
    void badUrlWithCredentialsDoesNotEchoThePassword() {
        Result r = cli("bench", "run", "ftp://bob:HUNTER2@127.0.0.1/");
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("ftp://bob:***@127.0.0.1/").doesNotContain("HUNTER2");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "ht!tp://bad url|not a valid URL",
            "ftp://127.0.0.1/|not an http:// or https:// URL",
            "http://no-such-host.invalid/|Unknown host 'no-such-host.invalid'",
            "http://192.168.1.10/|Refusing to send load to 192.168.1.10",
            "REFUSED|Connection refused by 127.0.0.1",
            "http://127.0.0.1:1/ -c 0|Connections must be between 1",
            "http://127.0.0.1:1/ -c -5|Connections must be between 1",
            "http://127.0.0.1:1/ -n 0|-n must be a positive number",
            "http://127.0.0.1:1/ -n -3|-n must be a positive number",
            "http://127.0.0.1:1/ -d 0s|Duration '0s' must be at least 1ms",
            "http://127.0.0.1:1/ -d soon|'soon' is not a duration",
            "http://127.0.0.1:1/ --rate -1|--rate must be a positive number",
            "http://127.0.0.1:1/ --timeout 0|at least 1ms",
            "http://127.0.0.1:1/ -H NoColon|must look like 'Name: value'",
            "http://127.0.0.1:1/ -c many|Invalid value for option '-c'",
    })
    void badInputGivesOneClearLineAndNonZeroExit(String testCase) throws Exception {
        String[] parts = testCase.split("\\|");
        List<String> args = new ArrayList<>(List.of("bench", "run"));
        if (parts[0].equals("REFUSED")) {
            try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                args.add("http://127.0.0.1:" + s.getLocalPort() + "/");
            }
        } else {
            String[] words = parts[0].split(" (?=-)");
            args.add(words[0]);
            for (int i = 1; i < words.length; i++) {
                args.addAll(List.of(words[i].split(" ", 2)));
            }
        }
        Result r = cli(args.toArray(String[]::new));
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains(parts[1]);
        assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
