package org.clusterdeck.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.clusterdeck.job.JobContext;
import org.clusterdeck.net.TargetRefusedException;
import org.clusterdeck.remote.RemoteException;
import org.clusterdeck.scan.ScanComparison;
import org.clusterdeck.scan.ScanReport;
import org.clusterdeck.scan.ScanRun;
import org.clusterdeck.scan.StoredFinding;
import org.clusterdeck.text.TerminalText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code clusterdeck scan all|list|show|compare|report}: every scanner at once, and the stored runs. */
final class ScanStoredCommands {
    private ScanStoredCommands() {
    }

    /** Scanner progress on stderr, so that stdout stays the result (JSON included). */
    static JobContext progress(Cli cli) {
        return new JobContext() {
            @Override
            public void progress(double fraction, String message) {
                // one line per scan (log) says enough on a terminal
            }

            @Override
            public void log(String line) {
                cli.err().println(TerminalText.line(line) + " …");
            }

            @Override
            public void warn(String line) {
                cli.err().println("warning: " + TerminalText.line(line));
            }

            @Override
            public boolean isCancelled() {
                return false;
            }

            @Override
            public long jobId() {
                return 0;
            }
        };
    }

    static Table runTable(List<ScanRun> runs) {
        Table t = new Table("SCAN", "KIND", "TARGET", "STARTED", "TOOK MS", "INDEX", "FINDINGS", "ERROR");
        for (ScanRun r : runs) {
            t.row(r.id(), r.kind().id(), TerminalText.line(r.target()), r.startedAt().toString(), r.elapsedMs(), r.index(),
                    r.findingCount(), r.error() == null ? null : TerminalText.line(r.error()));
        }
        return t;
    }

    @Command(name = "all", description = {"Every scanner that applies, per target: a full port scan, then SSH on the host's SSH "
            + "port, TLS and HTTPS headers where 443 is open, HTTP headers where 80 is open, and the host audit over SSH "
            + "when the target is an inventory host (lab or added) with its SSH port open. Each run is stored.",
            "With --json: one object with 'runs' (scanId, kind, target, startedAt, elapsedMs, index, findingCount, error, findings)."},
            mixinStandardHelpOptions = true)
    static final class All implements Callable<Integer> {
        private final Cli cli;

        @Parameters(paramLabel = "TARGET", arity = "1..*",
                description = "Address or inventory host name: loopback, a lab host or a host you added.")
        List<String> targets;

        @Option(names = "--json", description = "Print one JSON object.")
        boolean json;

        @Mixin
        FailOn failOn;

        All(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            failOn.threshold(); // a bad value stops before anything connects
            List<ScanRun> runs;
            try {
                runs = cli.services().scans().runAll(targets, progress(cli));
            } catch (TargetRefusedException | RemoteException e) {
                throw new CliException(e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage(), Cli.USAGE);
            }
            List<StoredFinding> findings = StoredScans.findings(cli, runs);
            int exit = failOn.exitCode(cli, findings);
            if (json) {
                List<Map<String, Object>> list = new ArrayList<>();
                for (ScanRun r : runs) {
                    Map<String, Object> o = ScanReport.runObject(r);
                    o.put("findings", ScanReport.findingObjects(cli.services().scans().findings(r.id())));
                    list.add(o);
                }
                cli.out().println(Json.write(Map.of("runs", list)));
            } else {
                runTable(runs).print(cli.out(), false);
                if (!findings.isEmpty()) {
                    cli.out().println("Findings:");
                    StoredScans.table(findings).print(cli.out(), false);
                }
            }
            boolean failed = runs.stream().anyMatch(r -> r.error() != null);
            return exit != Cli.OK ? exit : failed ? Cli.FAILED : Cli.OK;
        }
    }

    @Command(name = "list", description = "Stored scan runs, newest first.", mixinStandardHelpOptions = true)
    static final class ListRuns implements Callable<Integer> {
        private final Cli cli;

        @Option(names = "--target", paramLabel = "T", description = "Only runs of this target or host (e.g. web1, 127.0.0.1:443).")
        String target;

        @Option(names = "--json", description = "Print a JSON array.")
        boolean json;

        ListRuns(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            List<ScanRun> runs = cli.services().scans().runs(target);
            if (json) {
                cli.out().println(Json.write(runs.stream().map(ScanReport::runObject).toList()));
            } else {
                runTable(runs).print(cli.out(), false);
            }
            return Cli.OK;
        }
    }

    @Command(name = "show", description = "One stored run with its findings (evidence, why, fix, state).", mixinStandardHelpOptions = true)
    static final class Show implements Callable<Integer> {
        private final Cli cli;

        @Parameters(paramLabel = "ID", description = "The scan's number (see 'scan list').")
        long id;

        @Option(names = "--json", description = "Print one JSON object.")
        boolean json;

        Show(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            ScanRun run = StoredScans.requireRun(cli, id);
            List<StoredFinding> findings = cli.services().scans().findings(run.id());
            if (json) {
                Map<String, Object> o = ScanReport.runObject(run);
                o.put("findings", ScanReport.findingObjects(findings));
                cli.out().println(Json.write(o));
                return Cli.OK;
            }
            runTable(List.of(run)).print(cli.out(), false);
            for (StoredFinding f : findings) {
                FindingsCommand.printDetails(cli.out(), f);
            }
            if (findings.isEmpty()) {
                cli.out().println(run.error() == null ? "No findings." : "No findings: the scan failed.");
            }
            return Cli.OK;
        }
    }

    @Command(name = "history", description = {"A host's scans over time, oldest first: the hardening index (host audits) and "
            + "how many of each run's findings are not accepted or false positives.",
            "With --json: an array of objects (time, scan, kind, target, index, open)."},
            mixinStandardHelpOptions = true)
    static final class History implements Callable<Integer> {
        private final Cli cli;

        @Parameters(paramLabel = "HOST", description = "The host part of the scanned targets (e.g. web1, 127.0.0.1).")
        String host;

        @Option(names = "--json", description = "Print a JSON array.")
        boolean json;

        History(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            List<org.clusterdeck.scan.HistoryPoint> points = cli.services().scans().history(host);
            if (points.isEmpty() && !json) {
                throw new CliException("No scans of '" + TerminalText.line(host) + "' are stored. See '"
                        + org.clusterdeck.text.Invocation.command("scan list") + "' for the scanned targets.");
            }
            Table t = new Table("TIME", "SCAN", "KIND", "TARGET", "INDEX", "OPEN");
            points.forEach(p -> t.row(p.time().toString(), p.scanId(), p.kind().id(), TerminalText.line(p.target()), p.index(),
                    p.openCount()));
            t.print(cli.out(), json);
            return Cli.OK;
        }
    }

    @Command(name = "compare", description = "Two stored runs side by side: findings new in B, gone since A, and in both.",
            mixinStandardHelpOptions = true)
    static final class Compare implements Callable<Integer> {
        private final Cli cli;

        @Parameters(index = "0", paramLabel = "A", description = "The earlier scan's number.")
        long a;

        @Parameters(index = "1", paramLabel = "B", description = "The later scan's number.")
        long b;

        @Option(names = "--json", description = "Print one JSON object (a, b, new, gone, unchanged).")
        boolean json;

        Compare(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            StoredScans.requireRun(cli, a);
            StoredScans.requireRun(cli, b);
            ScanComparison c = cli.services().scans().compare(a, b);
            if (json) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("a", ScanReport.runObject(c.a()));
                o.put("b", ScanReport.runObject(c.b()));
                o.put("new", ScanReport.findingObjects(c.newFindings()));
                o.put("gone", ScanReport.findingObjects(c.gone()));
                o.put("unchanged", ScanReport.findingObjects(c.unchanged()));
                cli.out().println(Json.write(o));
                return Cli.OK;
            }
            runTable(List.of(c.a(), c.b())).print(cli.out(), false);
            if (!c.a().target().equals(c.b().target()) || c.a().kind() != c.b().kind()) {
                cli.out().println("Note: the two runs scanned different targets or with different scanners; findings are matched by identity.");
            }
            section(cli, "New in " + b, c.newFindings());
            section(cli, "Gone since " + a, c.gone());
            section(cli, "In both", c.unchanged());
            return Cli.OK;
        }

        private static void section(Cli cli, String title, List<StoredFinding> findings) {
            cli.out().println(title + " (" + findings.size() + "):");
            if (!findings.isEmpty()) {
                StoredScans.table(findings).print(cli.out(), false);
            }
        }
    }

    @Command(name = "report", description = {"A stored run as a self-contained report: HTML (no script, nothing loaded "
            + "from elsewhere; severity, evidence, why, fix, state and accept reasons) or JSON.",
            "The file is written private (mode 0600): evidence describes weaknesses of your hosts."},
            mixinStandardHelpOptions = true)
    static final class Report implements Callable<Integer> {
        private final Cli cli;

        @Parameters(paramLabel = "ID", description = "The scan's number (see 'scan list').")
        long id;

        @Option(names = "--format", required = true, paramLabel = "F", description = "html or json.")
        String format;

        @Option(names = "--out", paramLabel = "FILE", description = "Write here (mode 0600) instead of printing.")
        Path out;

        Report(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            String f = format.strip().toLowerCase(Locale.ROOT);
            if (!f.equals("html") && !f.equals("json")) {
                throw new CliException("Unknown format '" + TerminalText.line(format) + "': use --format html or --format json.",
                        Cli.USAGE);
            }
            ScanRun run = StoredScans.requireRun(cli, id);
            List<StoredFinding> findings = cli.services().scans().findings(run.id());
            String text = f.equals("html") ? ScanReport.html(run, findings) : ScanReport.json(run, findings);
            if (out == null) {
                cli.out().print(text);
                return Cli.OK;
            }
            writePrivate(out, text);
            cli.out().println("Wrote " + out + " (scan " + run.id() + ", " + findings.size() + " finding(s), " + f + ").");
            return Cli.OK;
        }
    }

    /** Writes {@code text} to a file only its owner can read (a file already there is replaced). */
    static void writePrivate(Path out, String text) {
        try {
            org.clusterdeck.store.PrivateFiles.write(out, text);
        } catch (IOException e) {
            String why = e instanceof java.nio.file.NoSuchFileException ? "its directory does not exist"
                    : e instanceof java.nio.file.AccessDeniedException ? "permission denied" : String.valueOf(e.getMessage());
            throw new CliException("Cannot write " + TerminalText.line(out.toString()) + ": " + why
                    + ". Give --out a path in a directory you can write to.");
        }
    }
}
