package org.clusterdeck.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.clusterdeck.app.Services;
import org.clusterdeck.store.Store;
import org.clusterdeck.testing.HttpPeer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reports of runs with hostile text: headers a real HTTP peer sends, and a finding whose title,
 * evidence and accept reason carry markup, quotes, control characters and newlines. The HTML is
 * parsed as a browser would (jsoup's HTML5 parser): no script, no event handler, nothing loaded;
 * the text is there, escaped. The JSON parses back to the very strings stored.
 */
class ScanReportTest {
    private static final String SCRIPT = "<script>alert(1)</script>";
    private static final String HOSTILE = SCRIPT + " \"quoted\" 'single' </pre><img src=x onerror=alert(2)>"
            + "\u001b[2J\u0000\u202eevil\nsecond line\r\n<style>body{display:none}</style>";

    @TempDir
    Path dir;

    private Services services;
    private ScanService scans;

    @BeforeEach
    void open() {
        services = Services.builder(dir, "test").store(Store.inMemory("scan-report-" + System.nanoTime())).build();
        scans = services.scans();
    }

    @AfterEach
    void close() {
        services.close();
    }

    private static void assertInert(Document d) {
        assertThat(d.select("script")).isEmpty();
        assertThat(d.select("img, iframe, object, embed, link, form, base, svg, math")).isEmpty();
        assertThat(d.select("style")).hasSize(1); // our own, in the head
        assertThat(d.select("style").first().parent().tagName()).isEqualTo("head");
        for (Element e : d.getAllElements()) {
            for (Attribute a : e.attributes()) {
                assertThat(a.getKey()).as("attribute on <" + e.tagName() + ">").doesNotStartWith("on");
                assertThat(a.getValue()).doesNotContainIgnoringCase("javascript:");
            }
        }
        assertThat(d.select("meta[http-equiv=Content-Security-Policy]").attr("content")).contains("default-src 'none'");
    }

    @Test
    void hostileHeadersFromARealPeerAreEscapedInHtmlAndExactInJson() throws Exception {
        String server = "nginx/1.22 " + SCRIPT + " \"x\" onload='y'";
        try (HttpPeer peer = new HttpPeer("Server: " + server + "\r\nX-Content-Type-Options: " + SCRIPT + "\r\n")) {
            ScanRun run = scans.run(ScanKind.HTTP, peer.url(), null);
            List<StoredFinding> findings = scans.findings(run.id());
            assertThat(findings).extracting(f -> f.finding().id()).contains("http-server-tokens", "http-nosniff-missing");

            String html = ScanReport.html(run, findings);
            Document d = Jsoup.parse(html);
            assertInert(d);
            assertThat(d.select("pre").eachText()).contains("Server: " + server, "X-Content-Type-Options: " + SCRIPT);

            JsonNode j = new ObjectMapper().readTree(ScanReport.json(run, findings));
            assertThat(j.get("scanId").asLong()).isEqualTo(run.id());
            List<String> evidence = new ArrayList<>();
            j.get("findings").forEach(f -> evidence.add(f.get("evidence").asText()));
            assertThat(evidence).contains("Server: " + server, "X-Content-Type-Options: " + SCRIPT);
        }
    }

    @Test
    void hostileTitleEvidenceAndReasonAreShownAsTextAndParseBackExactly() throws Exception {
        Finding f = new Finding("TLS-CERT-SUBJECT", 7.5, "Subject CN=" + HOSTILE, "subject: " + HOSTILE, "why " + HOSTILE, "fix " + HOSTILE);
        ScanRun run = scans.record(ScanKind.TLS, "127.0.0.1:443", Instant.now(), 12, null, List.of(f), true);
        long id = scans.findings(run.id()).get(0).id();
        scans.accept(id, "reason " + HOSTILE);
        List<StoredFinding> findings = scans.findings(run.id());

        String html = ScanReport.html(run, findings);
        Document d = Jsoup.parse(html);
        assertInert(d);
        assertThat(html).doesNotContain("\u001b", "\u0000", "\u202e", "<img", "<script>", "</pre><img");
        String pre = d.select("pre").first().wholeText();
        // line breaks kept in evidence, every other control shown as an escape, markup as text
        assertThat(pre).isEqualTo("subject: " + SCRIPT + " \"quoted\" 'single' </pre><img src=x onerror=alert(2)>"
                + "\\e[2J\\x00\\u202eevil\nsecond line\n<style>body{display:none}</style>");
        assertThat(d.select("h2").first().text()).contains("7.5 High").contains("Subject CN=" + SCRIPT);
        assertThat(d.select("dd").eachText()).anySatisfy(t -> assertThat(t).startsWith("accepted — reason: reason " + SCRIPT));
        assertThat(d.select("span.sev.high")).hasSize(1);

        JsonNode j = new ObjectMapper().readTree(ScanReport.json(run, findings));
        JsonNode jf = j.get("findings").get(0);
        assertThat(jf.get("title").asText()).isEqualTo("Subject CN=" + HOSTILE);
        assertThat(jf.get("evidence").asText()).isEqualTo("subject: " + HOSTILE);
        assertThat(jf.get("why").asText()).isEqualTo("why " + HOSTILE);
        assertThat(jf.get("fix").asText()).isEqualTo("fix " + HOSTILE);
        assertThat(jf.get("reason").asText()).isEqualTo("reason " + HOSTILE.strip());
        assertThat(jf.get("state").asText()).isEqualTo("accepted");
        assertThat(jf.get("id").asText()).isEqualTo("TLS-CERT-SUBJECT");
        assertThat(jf.get("severity").asDouble()).isEqualTo(7.5);
    }

    @Test
    void aFailedRunAndAnEmptyRunSayWhy() {
        ScanRun failed = scans.recordFailure(ScanKind.SSH, "127.0.0.1:22", Instant.now(), 3, "connection refused " + SCRIPT);
        Document d = Jsoup.parse(ScanReport.html(failed, List.of()));
        assertInert(d);
        assertThat(d.text()).contains("the scan failed: connection refused " + SCRIPT, "No findings: the scan did not complete.");
        ScanRun clean = scans.record(ScanKind.HOST, "web1", Instant.now(), 3, 97, List.of(), true);
        assertThat(Jsoup.parse(ScanReport.html(clean, List.of())).text()).contains("Hardening index 97 / 100", "No findings.");
    }
}
