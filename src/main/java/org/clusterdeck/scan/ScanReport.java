package org.clusterdeck.scan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.clusterdeck.Version;
import org.clusterdeck.text.TerminalText;

/**
 * A scan run's report, self-contained: HTML (inline CSS, no script, nothing loaded from elsewhere,
 * a Content-Security-Policy that forbids script should anything slip through) and JSON. Every
 * text — banners, certificate subjects, headers, evidence, reasons — is escaped: control and
 * bidi characters are shown as visible escapes (as on the terminal) and HTML's special characters
 * as entities; JSON keeps the strings exactly as received, escaped by the JSON writer.
 */
public final class ScanReport {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String CSS = """
            body{font:15px/1.5 system-ui,sans-serif;margin:2em auto;max-width:60em;padding:0 1em;color:#1b1b1b;background:#fff}
            h1{font-size:1.5em}h2{font-size:1.15em;margin:.2em 0}table{border-collapse:collapse}
            th,td{text-align:left;padding:.2em .8em .2em 0;vertical-align:top}
            section{border:1px solid #ccc;border-left:.5em solid #888;border-radius:4px;padding:.6em 1em;margin:1em 0}
            pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f4f4f4;padding:.5em;border-radius:4px;margin:.3em 0}
            dt{font-weight:600}dd{margin:0 0 .4em 0}
            .sev{display:inline-block;font-weight:700;padding:0 .5em;border-radius:3px;margin-right:.5em}
            .critical{background:#6a0d0d;color:#fff}section.critical{border-left-color:#6a0d0d}
            .high{background:#c62828;color:#fff}section.high{border-left-color:#c62828}
            .medium{background:#ef8d00;color:#000}section.medium{border-left-color:#ef8d00}
            .low{background:#f5d547;color:#000}section.low{border-left-color:#f5d547}
            .none{background:#9e9e9e;color:#000}section.none{border-left-color:#9e9e9e}
            @media (prefers-color-scheme:dark){body{background:#161616;color:#e8e8e8}pre{background:#262626}section{border-color:#444}}
            """;

    private ScanReport() {
    }

    /** The run and the findings it reported (as {@link ScanService#findings(long)} gives them) as one HTML page. */
    public static String html(ScanRun run, List<StoredFinding> findings) {
        StringBuilder b = new StringBuilder(8192);
        String title = "ClusterDeck security scan " + run.id() + ": " + run.kind().id() + " " + run.target();
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(text(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n")
                .append("<h1>").append(text(title)).append("</h1>\n<table>\n");
        row(b, "Scanner", run.kind().id());
        row(b, "Target", run.target());
        row(b, "Started", run.startedAt().toString());
        row(b, "Took", run.elapsedMs() + " ms");
        if (run.index() != null) {
            row(b, "Hardening index", run.index() + " / 100");
        }
        row(b, "Findings", findings.size() + " (" + counts(findings) + ")");
        if (run.error() != null) {
            row(b, "Error", "the scan failed: " + run.error());
        }
        row(b, "Report", "generated " + Instant.now() + " by ClusterDeck " + Version.get());
        b.append("</table>\n");
        if (findings.isEmpty()) {
            b.append("<p>").append(run.error() == null ? "No findings." : "No findings: the scan did not complete.").append("</p>\n");
        }
        for (StoredFinding sf : findings) {
            Finding f = sf.finding();
            String sev = f.label().toLowerCase(Locale.ROOT);
            b.append("<section class=\"").append(sev).append("\">\n<h2><span class=\"sev ").append(sev).append("\">")
                    .append(text(f.rating())).append("</span>").append(text(f.title())).append("</h2>\n<dl>\n");
            item(b, "Check", f.id() + " (finding " + sf.id() + ")");
            item(b, "State", state(sf));
            item(b, "Why it matters", f.why());
            item(b, "Fix", f.fix());
            b.append("<dt>Evidence</dt>\n<dd><pre>").append(block(f.evidence())).append("</pre></dd>\n</dl>\n</section>\n");
        }
        return b.append("</body>\n</html>\n").toString();
    }

    /** The run and its findings as one JSON object; strings exactly as stored (JSON escapes control characters itself). */
    public static String json(ScanRun run, List<StoredFinding> findings) {
        Map<String, Object> o = runObject(run);
        o.put("findings", findingObjects(findings));
        o.put("generatedAt", Instant.now().toString());
        o.put("generatedBy", "ClusterDeck " + Version.get());
        try {
            return MAPPER.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write JSON: " + e.getMessage(), e);
        }
    }

    /** A run as a JSON-ready map (scanId, kind, target, startedAt, elapsedMs, index, findingCount, error). */
    public static Map<String, Object> runObject(ScanRun run) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("scanId", run.id());
        o.put("kind", run.kind().id());
        o.put("target", run.target());
        o.put("startedAt", run.startedAt().toString());
        o.put("elapsedMs", run.elapsedMs());
        o.put("index", run.index());
        o.put("findingCount", run.findingCount());
        o.put("error", run.error());
        return o;
    }

    /** Findings as JSON-ready maps: {@code id} is the check id (as in every scan's JSON), {@code findingId} the stored one. */
    public static List<Map<String, Object>> findingObjects(List<StoredFinding> findings) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (StoredFinding sf : findings) {
            Finding f = sf.finding();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("findingId", sf.id());
            m.put("id", f.id());
            m.put("severity", f.severity());
            m.put("severityLabel", f.label());
            m.put("title", f.title());
            m.put("host", sf.host());
            m.put("target", sf.target());
            m.put("kind", sf.kind().id());
            m.put("state", sf.state().label());
            m.put("reason", sf.reason());
            m.put("fixedByChangeSet", sf.fixedByChangeSet());
            m.put("fixedInScan", sf.fixedInScan());
            m.put("scanId", sf.scanId());
            m.put("firstSeen", sf.firstSeen().toString());
            m.put("updatedAt", sf.updatedAt().toString());
            m.put("evidence", f.evidence());
            m.put("why", f.why());
            m.put("fix", f.fix());
            out.add(m);
        }
        return out;
    }

    /** "2 high, 1 low": how many findings per severity label, worst first. */
    static String counts(List<StoredFinding> findings) {
        Map<String, Integer> per = new LinkedHashMap<>();
        for (String label : List.of("Critical", "High", "Medium", "Low", "None")) {
            long n = findings.stream().filter(f -> f.finding().label().equals(label)).count();
            if (n > 0) {
                per.put(label.toLowerCase(Locale.ROOT), (int) n);
            }
        }
        List<String> parts = new ArrayList<>();
        per.forEach((k, v) -> parts.add(v + " " + k));
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    private static String state(StoredFinding f) {
        String s = f.state().label();
        if (f.reason() != null) {
            s += " — reason: " + f.reason();
        }
        if (f.fixedInScan() != null) {
            s += " — no longer seen by scan " + f.fixedInScan();
        }
        if (f.fixedByChangeSet() != null) {
            s += ", fixed by change set " + f.fixedByChangeSet();
        }
        return s;
    }

    private static void row(StringBuilder b, String name, String value) {
        b.append("<tr><th>").append(text(name)).append("</th><td>").append(text(value)).append("</td></tr>\n");
    }

    private static void item(StringBuilder b, String name, String value) {
        b.append("<dt>").append(text(name)).append("</dt>\n<dd>").append(text(value)).append("</dd>\n");
    }

    /** One line: controls and line breaks shown as escapes, then HTML-escaped. */
    static String text(String s) {
        return html(TerminalText.line(s));
    }

    /** Multi-line (a pre block): line breaks and tabs kept, other controls shown as escapes, then HTML-escaped. */
    static String block(String s) {
        return html(TerminalText.visible(s));
    }

    private static String html(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
