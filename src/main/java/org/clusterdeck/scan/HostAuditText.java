package org.clusterdeck.scan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.clusterdeck.scan.HostAuditCheck.Status;
import org.clusterdeck.text.TerminalText;

/**
 * A host audit as the CLI prints it: text with every piece of host output escaped
 * ({@link TerminalText}), or a JSON-ready map (the JSON writer escapes control characters itself).
 */
public final class HostAuditText {
    private HostAuditText() {
    }

    public static String text(HostAudit.Report r) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%s (role %s): hardening index %d/100, %d checks: %d passed, %d failed, %d skipped, %.2f s%n",
                TerminalText.line(r.host()), r.role().id(), r.index(), r.results().size(), r.count(Status.PASS), r.count(Status.FAIL),
                r.count(Status.SKIP), r.elapsedMs() / 1000.0));
        Map<String, Long> bySeverity = new LinkedHashMap<>();
        for (String label : List.of("Critical", "High", "Medium", "Low")) {
            bySeverity.put(label, r.failed().stream().filter(x -> Finding.label(x.check().severity()).equals(label)).count());
        }
        b.append("Failed by severity: ");
        bySeverity.forEach((k, v) -> b.append(k).append(' ').append(v).append(k.equals("Low") ? "" : ", "));
        b.append(System.lineSeparator());
        for (HostAudit.Result x : r.failed().stream()
                .sorted((a, c) -> Double.compare(c.check().severity(), a.check().severity())).toList()) {
            HostAuditCheck c = x.check();
            b.append(String.format(Locale.ROOT, "%n%s  %.1f %s  %s%n", c.id(), c.severity(), Finding.label(c.severity()), c.title()));
            for (String e : x.evidence()) {
                b.append("    evidence: ").append(TerminalText.line(e)).append(System.lineSeparator());
            }
            b.append("    why: ").append(c.why()).append(System.lineSeparator());
            b.append("    fix: ").append(c.fix());
            if (c.step() != null) {
                b.append(" (hardening wizard step '").append(c.step()).append("')");
            }
            b.append(System.lineSeparator());
        }
        return b.toString();
    }

    public static Map<String, Object> json(HostAudit.Report r) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("host", r.host());
        o.put("role", r.role().id());
        o.put("index", r.index());
        o.put("passed", r.count(Status.PASS));
        o.put("failed", r.count(Status.FAIL));
        o.put("skipped", r.count(Status.SKIP));
        List<Map<String, Object>> checks = new ArrayList<>();
        for (HostAudit.Result x : r.results()) {
            HostAuditCheck c = x.check();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", c.id());
            m.put("category", c.category());
            m.put("status", x.status().name().toLowerCase(Locale.ROOT));
            m.put("severity", c.severity());
            m.put("severityLabel", Finding.label(c.severity()));
            m.put("title", c.title());
            m.put("evidence", x.evidence());
            m.put("why", c.why());
            m.put("fix", c.fix());
            if (c.step() != null) {
                m.put("hardeningStep", c.step());
            }
            checks.add(m);
        }
        o.put("checks", checks);
        o.put("elapsedMs", r.elapsedMs());
        return o;
    }
}
