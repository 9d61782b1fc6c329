package org.clusterdeck.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.clusterdeck.text.TerminalText;
import org.clusterdeck.model.TuningChangeSet;
import org.clusterdeck.tuning.HostReading;
import org.clusterdeck.tuning.KeyOutcome;
import org.clusterdeck.tuning.PlanIssue;
import org.clusterdeck.tuning.PlanRow;
import org.clusterdeck.tuning.SysctlCatalog;
import org.clusterdeck.tuning.SysctlSpec;
import org.clusterdeck.tuning.TuningPlan;
import org.clusterdeck.tuning.TuningResult;
import org.clusterdeck.tuning.ValidationReport;

/** How the tune commands print plans, validation problems and results. */
final class TuneOutput {
    private TuneOutput() {
    }

    /** Prints each problem as "FILE:LINE:COL: error: ... (fix: ...)"; returns the exit code. */
    static int printValidation(PrintWriter out, String name, List<PlanIssue> parseIssues, ValidationReport report) {
        printIssues(out, name, parseIssues);
        printIssues(out, name, report.issues());
        long errors = parseIssues.stream().filter(PlanIssue::isError).count() + report.errors().size();
        long warnings = parseIssues.size() + report.issues().size() - errors;
        out.printf("%s: %d setting(s) valid, %d error(s), %d warning(s).%n", name, report.accepted().size(), errors, warnings);
        out.flush();
        return errors > 0 ? Cli.FAILED : Cli.OK;
    }

    static void printIssues(PrintWriter out, String name, List<PlanIssue> issues) {
        for (PlanIssue i : issues) {
            StringBuilder where = new StringBuilder(name);
            if (i.line() > 0) {
                where.append(where.length() > 0 ? ":" : "line ").append(i.line());
                if (i.column() > 1) {
                    where.append(':').append(i.column());
                }
            }
            out.printf("%s%s%s%s%n", where, where.length() > 0 ? ": " : "", (i.isError() ? "error: " : "warning: ") + TerminalText.visible(i.message()),
                    i.fix() == null ? "" : " (fix: " + TerminalText.visible(i.fix()) + ")");
        }
    }

    static void printPlan(PrintWriter out, TuningPlan plan) {
        out.println("== " + TerminalText.line(plan.hostName()) + " (" + TerminalText.line(plan.source()) + ")");
        printIssues(out, plan.hostName(), plan.report().issues());
        Table t = new Table("KEY", "CURRENT", "PROPOSED", "CHANGE", "RISK", "WHY");
        for (PlanRow r : plan.rows()) {
            t.row(r.key(), r.current(), r.proposed(), r.changes() ? "yes" : "-", r.risk().name().toLowerCase(java.util.Locale.ROOT), r.why());
        }
        t.print(out, false);
        if (plan.report().hasErrors()) {
            out.println("Not applicable until the errors above are fixed.");
        } else if (!plan.hasWork()) {
            out.println("Nothing to do: the host already has these values and file.");
        } else {
            out.println("Commands:");
            plan.commandLines().forEach(c -> out.println("  " + TerminalText.visible(c).replace("\n", "\n  ")));
        }
        out.flush();
    }

    static void printResults(PrintWriter out, List<TuningResult> results, boolean json) {
        if (json) {
            out.println(Json.write(results));
            out.flush();
            return;
        }
        for (TuningResult r : results) {
            out.println("== " + TerminalText.line(r.hostName()) + ": " + r.outcome().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
            if (!r.keys().isEmpty()) {
                Table t = new Table("KEY", "BEFORE", "PROPOSED", "READ BACK", "STATUS", "REASON");
                for (KeyOutcome k : r.keys()) {
                    t.row(k.key(), k.before(), k.proposed(), k.readBack(), k.status(), k.reason());
                }
                t.print(out, false);
            }
            if (r.outcome() == TuningResult.Outcome.DRY_RUN) {
                out.println("Would run:");
                r.commands().forEach(c -> out.println("  " + TerminalText.visible(c).replace("\n", "\n  ")));
            }
            out.println(TerminalText.visible(r.message()));
        }
        out.flush();
    }

    static void printShow(PrintWriter out, String host, List<TuningChangeSet> history, HostReading reading,
                          SysctlCatalog catalog, boolean json) {
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("host", host);
            o.put("history", history.stream().map(cs -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", cs.id());
                m.put("created", String.valueOf(cs.createdAt()));
                m.put("source", cs.source());
                m.put("state", cs.state());
                m.put("message", cs.message());
                m.put("changes", cs.changes());
                return m;
            }).toList());
            if (reading != null) {
                Map<String, String> values = new LinkedHashMap<>();
                catalog.all().forEach(s -> reading.sysctls().value(s.key()).ifPresent(v -> values.put(s.key(), v)));
                o.put("values", values);
                o.put("file", reading.fileContent());
            }
            out.println(Json.write(o));
            out.flush();
            return;
        }
        out.println("Tuning history of " + host + (history.isEmpty() ? ": none." : ":"));
        Table h = new Table("ID", "WHEN", "SOURCE", "STATE", "KEYS", "MESSAGE");
        history.forEach(cs -> h.row(cs.id(), cs.createdAt(), cs.source(), cs.state(), cs.changes().size(), cs.message()));
        if (!history.isEmpty()) {
            h.print(out, false);
        }
        if (reading != null) {
            Table t = new Table("KEY", "VALUE", "DEFAULT", "NETNS", "RISK");
            for (SysctlSpec s : catalog.all()) {
                reading.sysctls().value(s.key()).ifPresent(v -> t.row(s.key(), v, s.defaultValue().orElse("auto"),
                        s.perNetns() ? "yes" : "no", s.risk().name().toLowerCase(java.util.Locale.ROOT)));
            }
            t.print(out, false);
            out.println(reading.fileContent() == null ? "No /etc/sysctl.d/99-clusterdeck.conf." : "/etc/sysctl.d/99-clusterdeck.conf:\n" + TerminalText.visible(reading.fileContent()));
        }
        out.flush();
    }
}
