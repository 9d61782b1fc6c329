package org.clusterdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.clusterdeck.model.ChangeStep;
import org.clusterdeck.store.Store;
import org.clusterdeck.testing.HttpPeer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stored scans from the command line, against a real HTTP peer on loopback: scan ids, list/show/
 * compare/report, findings accept/false-positive/reopen/rescan, --fail-on exit statuses, and bad
 * input (unknown ids, bad severity, missing --reason) with messages that name the fix.
 */
class FindingsCommandTest {
    private static final String NOSNIFF = "X-Content-Type-Options: nosniff\r\n";

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();

    private CliRun.Outcome run(String... args) {
        return CliRun.run(dir.resolve("data"), Map.of(), args);
    }

    private JsonNode ok(String... args) throws Exception {
        CliRun.Outcome o = run(args);
        assertThat(o.exitCode()).as(String.join(" ", args) + ": " + o.err()).isZero();
        return json.readTree(o.out());
    }

    private static long findingId(JsonNode findings, String checkId) {
        for (JsonNode f : findings) {
            if (f.get("id").asText().equals(checkId)) {
                return f.get("findingId").asLong();
            }
        }
        throw new AssertionError(checkId + " not in " + findings);
    }

    @Test
    void aScanIsStoredListedShownComparedAndItsFindingsDecided() throws Exception {
        try (HttpPeer peer = new HttpPeer("")) {
            JsonNode first = ok("scan", "http", peer.url(), "--json");
            long scanA = first.get("scanId").asLong();
            assertThat(first.get("findings").findValuesAsText("id")).contains("http-nosniff-missing", "http-csp-missing");

            JsonNode list = ok("scan", "list", "--json");
            assertThat(list.findValuesAsText("scanId")).containsExactly(Long.toString(scanA));
            assertThat(list.get(0).get("kind").asText()).isEqualTo("http");

            JsonNode shown = ok("scan", "show", Long.toString(scanA), "--json");
            JsonNode findings = shown.get("findings");
            assertThat(findings.size()).isEqualTo(first.get("findings").size());
            long nosniff = findingId(findings, "http-nosniff-missing");
            long csp = findingId(findings, "http-csp-missing");
            CliRun.Outcome text = run("scan", "show", Long.toString(scanA));
            assertThat(text.out()).contains("Finding " + nosniff + ": 2.6 Low No X-Content-Type-Options: nosniff", "evidence", "fix");

            CliRun.Outcome accepted = run("findings", "accept", Long.toString(csp), "--reason", "CSP comes from the CDN");
            assertThat(accepted.exitCode()).as(accepted.err()).isZero();
            assertThat(ok("findings", "show", Long.toString(csp), "--json").get("reason").asText()).isEqualTo("CSP comes from the CDN");
            assertThat(ok("findings", "list", "--open", "--json").findValuesAsText("findingId")).doesNotContain(Long.toString(csp))
                    .contains(Long.toString(nosniff));
            assertThat(ok("findings", "list", "--host", "127.0.0.2", "--json")).isEmpty();

            peer.respond(NOSNIFF);
            CliRun.Outcome second = run("scan", "http", peer.url());
            assertThat(second.exitCode()).as(second.err()).isZero();
            assertThat(second.out()).containsPattern("Stored as scan \\d+");
            long scanB = ok("scan", "list", "--json").get(0).get("scanId").asLong();
            assertThat(scanB).isGreaterThan(scanA);
            JsonNode fixed = ok("findings", "show", Long.toString(nosniff), "--json");
            assertThat(fixed.get("state").asText()).isEqualTo("fixed");
            assertThat(fixed.get("fixedInScan").asLong()).isEqualTo(scanB);
            assertThat(ok("findings", "show", Long.toString(csp), "--json").get("state").asText()).isEqualTo("accepted");

            JsonNode c = ok("scan", "compare", Long.toString(scanA), Long.toString(scanB), "--json");
            assertThat(c.get("gone").findValuesAsText("id")).containsExactly("http-nosniff-missing");
            assertThat(c.get("new")).isEmpty();
            assertThat(c.get("unchanged").findValuesAsText("id")).contains("http-csp-missing");
            assertThat(run("scan", "compare", Long.toString(scanA), Long.toString(scanB)).out()).contains("Gone since " + scanA + " (1):");

            JsonNode history = ok("scan", "history", "127.0.0.1", "--json");
            assertThat(history.findValuesAsText("scan")).containsExactly(Long.toString(scanA), Long.toString(scanB));
            assertThat(history.get(1).get("open").asInt()).isEqualTo(shown.get("findings").size() - 2); // nosniff gone, csp accepted
            assertThat(run("scan", "history", "10.9.9.9").err()).contains("No scans of '10.9.9.9'", "scan list");

            assertThat(run("findings", "reopen", Long.toString(nosniff)).exitCode()).isZero();
            assertThat(ok("findings", "show", Long.toString(nosniff), "--json").get("state").asText()).isEqualTo("open");
            CliRun.Outcome fp = run("findings", "false-positive", Long.toString(nosniff), "--reason", "served by a proxy that adds it");
            assertThat(fp.exitCode()).as(fp.err()).isZero();
            assertThat(ok("findings", "show", Long.toString(nosniff), "--json").get("state").asText()).isEqualTo("false-positive");
        }
    }

    @Test
    void failOnGivesExitStatusFourOnlyForOpenFindingsAtOrAboveTheSeverity() throws Exception {
        try (HttpPeer peer = new HttpPeer("")) {
            // plain HTTP without a redirect: http-no-https-redirect 4.3 (medium) is the worst finding
            CliRun.Outcome scan = run("scan", "http", peer.url(), "--json", "--fail-on", "medium");
            assertThat(scan.exitCode()).as(scan.err()).isEqualTo(Cli.FINDINGS);
            assertThat(scan.err()).contains("open finding(s) at or above 4.0", "exit status 4");
            JsonNode j = json.readTree(scan.out()); // the result is printed all the same
            assertThat(j.get("scanId").isNumber()).isTrue();
            assertThat(run("scan", "http", peer.url(), "--fail-on", "high").exitCode()).isZero();
            assertThat(run("scan", "http", peer.url(), "--fail-on", "none").exitCode()).isZero();

            assertThat(run("findings", "list", "--fail-on", "4.3").exitCode()).isEqualTo(Cli.FINDINGS);
            assertThat(run("findings", "list", "--fail-on", "4.4").exitCode()).isZero();
            long redirect = findingId(ok("findings", "list", "--json"), "http-no-https-redirect");
            assertThat(run("findings", "accept", Long.toString(redirect), "--reason", "internal only").exitCode()).isZero();
            assertThat(run("findings", "list", "--fail-on", "medium").exitCode()).isZero(); // accepted ones do not count
            assertThat(run("findings", "list", "--fail-on", "low").exitCode()).isEqualTo(Cli.FINDINGS);
        }
    }

    @Test
    void badInputSaysWhatIsWrongAndHowToFixIt() throws Exception {
        CliRun.Outcome badSeverity = run("findings", "list", "--fail-on", "severe");
        assertThat(badSeverity.exitCode()).isEqualTo(Cli.USAGE);
        assertThat(badSeverity.err()).contains("'severe' is not a severity", "none, low, medium, high, critical or a number from 0 to 10");
        assertThat(run("scan", "http", "http://127.0.0.1:1/", "--fail-on", "11").err()).contains("'11' is not a severity");

        CliRun.Outcome noScan = run("scan", "show", "42");
        assertThat(noScan.exitCode()).isEqualTo(Cli.FAILED);
        assertThat(noScan.err()).contains("No scan 42", "scan list");
        assertThat(run("scan", "report", "42", "--format", "html").err()).contains("No scan 42");
        assertThat(run("findings", "show", "7").err()).contains("No finding 7", "findings list");
        assertThat(run("findings", "accept", "7", "--reason", "x").err()).contains("No finding 7");
        assertThat(run("findings", "rescan", "7").err()).contains("No finding 7");

        try (HttpPeer peer = new HttpPeer("")) {
            long scan = ok("scan", "http", peer.url(), "--json").get("scanId").asLong();
            long id = ok("scan", "show", Long.toString(scan), "--json").get("findings").get(0).get("findingId").asLong();
            CliRun.Outcome noReason = run("findings", "accept", Long.toString(id));
            assertThat(noReason.exitCode()).isEqualTo(Cli.USAGE);
            assertThat(noReason.err()).contains("Give the reason with --reason TEXT");
            assertThat(run("findings", "false-positive", Long.toString(id), "--reason", "  ").err()).contains("--reason TEXT");
            assertThat(ok("findings", "show", Long.toString(id), "--json").get("state").asText()).isEqualTo("open");
            CliRun.Outcome badFormat = run("scan", "report", Long.toString(scan), "--format", "pdf");
            assertThat(badFormat.exitCode()).isEqualTo(Cli.USAGE);
            assertThat(badFormat.err()).contains("use --format html or --format json");
            CliRun.Outcome badDir = run("scan", "report", Long.toString(scan), "--format", "html", "--out",
                    dir.resolve("missing/r.html").toString());
            assertThat(badDir.err()).contains("its directory does not exist", "--out");
            CliRun.Outcome noChange = run("findings", "rescan", Long.toString(id), "--change-set", "999");
            assertThat(noChange.err()).contains("No change set 999", "changes list");
        }
    }

    @Test
    void reportsArePrivateFilesWithNoScriptAndJsonThatParsesBack() throws Exception {
        String hostile = "<script>alert(1)</script> \"q\" 'x' onload=y";
        try (HttpPeer peer = new HttpPeer("Server: nginx/1.2 " + hostile + "\r\n")) {
            long scan = ok("scan", "http", peer.url(), "--json").get("scanId").asLong();
            Path html = dir.resolve("report.html");
            Files.writeString(html, "old, world-readable");
            Files.setPosixFilePermissions(html, PosixFilePermissions.fromString("rw-r--r--"));
            CliRun.Outcome o = run("scan", "report", Long.toString(scan), "--format", "html", "--out", html.toString());
            assertThat(o.exitCode()).as(o.err()).isZero();
            assertThat(o.out()).contains("Wrote " + html);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(html))).isEqualTo("rw-------");
            Document d = Jsoup.parse(Files.readString(html));
            assertThat(d.select("script")).isEmpty();
            assertThat(d.select("pre").eachText()).contains("Server: nginx/1.2 " + hostile);

            Path jsonFile = dir.resolve("report.json");
            assertThat(run("scan", "report", Long.toString(scan), "--format", "json", "--out", jsonFile.toString()).exitCode()).isZero();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(jsonFile))).isEqualTo("rw-------");
            JsonNode j = json.readTree(Files.readString(jsonFile));
            assertThat(j.get("scanId").asLong()).isEqualTo(scan);
            assertThat(j.get("findings").findValuesAsText("evidence")).contains("Server: nginx/1.2 " + hostile);
        }
    }

    @Test
    void rescanRerunsAndRecordsTheChangeSetThatFixedIt() throws Exception {
        try (HttpPeer peer = new HttpPeer("")) {
            long scan = ok("scan", "http", peer.url(), "--json").get("scanId").asLong();
            long nosniff = findingId(ok("scan", "show", Long.toString(scan), "--json").get("findings"), "http-nosniff-missing");
            long changeSet;
            try (Store store = Store.open(dir.resolve("data"))) {
                changeSet = store.changes().create("web1", "harden.http", "add nosniff", "test", null, List.<ChangeStep>of());
            }
            peer.respond(NOSNIFF);
            CliRun.Outcome o = run("findings", "rescan", Long.toString(nosniff), "--change-set", Long.toString(changeSet), "--json");
            assertThat(o.exitCode()).as(o.err()).isZero();
            JsonNode j = json.readTree(o.out());
            assertThat(j.get("runs")).hasSize(1);
            JsonNode f = j.get("findings").get(0);
            assertThat(f.get("state").asText()).isEqualTo("fixed");
            assertThat(f.get("fixedByChangeSet").asLong()).isEqualTo(changeSet);
            assertThat(f.get("fixedInScan").asLong()).isEqualTo(j.get("runs").get(0).get("scanId").asLong());
        }
    }

    @Test
    void portAndAllScansAreStoredWithTheirIds() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            JsonNode ports = ok("scan", "ports", "127.0.0.1", "-p", Integer.toString(s.getLocalPort()), "--json");
            assertThat(ports.get("scanId").isNumber()).isTrue();
            List<Integer> open = new ArrayList<>();
            ports.get("openPorts").forEach(n -> open.add(n.asInt()));
            assertThat(open).containsExactly(s.getLocalPort());
            assertThat(ports.get("elapsedMs").isNumber()).isTrue();
            JsonNode stored = ok("scan", "show", ports.get("scanId").asText(), "--json");
            assertThat(stored.get("kind").asText()).isEqualTo("ports");
            assertThat(stored.get("target").asText()).isEqualTo("127.0.0.1");
        }
        CliRun.Outcome refused = run("scan", "all", "192.0.2.1");
        assertThat(refused.exitCode()).isEqualTo(Cli.FAILED);
        assertThat(refused.err()).isNotBlank();
    }
}
