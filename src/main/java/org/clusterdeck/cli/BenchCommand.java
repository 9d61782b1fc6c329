package org.clusterdeck.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import org.clusterdeck.bench.BenchmarkException;
import org.clusterdeck.bench.BenchmarkExport;
import org.clusterdeck.model.BenchmarkResult;
import org.clusterdeck.model.BenchmarkRun;
import org.clusterdeck.bench.BenchmarkService;
import org.clusterdeck.model.BenchmarkSpec;
import org.clusterdeck.model.Durations;
import org.clusterdeck.model.Header;
import org.clusterdeck.inventory.HostValidator;
import org.clusterdeck.model.LatencySummary;
import org.clusterdeck.bench.RunComparison;
import org.clusterdeck.job.Job;
import org.clusterdeck.job.JobRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code clusterdeck bench run|list|show|compare|export}: HTTP load with stored, comparable results. */
@Command(name = "bench", description = "Benchmark an HTTP endpoint, list, show, compare and export runs.",
        mixinStandardHelpOptions = true,
        subcommands = {BenchCommand.Run.class, BenchCommand.ListRuns.class, BenchCommand.Show.class,
                BenchCommand.Compare.class, BenchCommand.Export.class})
final class BenchCommand {

    static BenchmarkRun requireRun(Cli cli, String id) {
        long n;
        try {
            n = Long.parseLong(id.strip().replaceFirst("^#", ""));
        } catch (NumberFormatException e) {
            throw new CliException("'" + HostValidator.printable(id) + "' is not a run id; '" + org.clusterdeck.text.Invocation.command("bench list") + "' shows them.", Cli.USAGE);
        }
        return cli.services().benchmarks().find(n).orElseThrow(() -> new CliException(
                "No benchmark run #" + n + ". '" + org.clusterdeck.text.Invocation.command("bench list") + "' shows the runs."));
    }

    static void printSummary(PrintWriter out, BenchmarkRun run) {
        BenchmarkResult r = run.result();
        LatencySummary l = r.latency();
        out.printf(Locale.ROOT, "%s %s (%s%s)%n", r.cancelled() ? "Cancelled run of" : "Benchmark of", r.spec().url(),
                r.spec().describe(), r.transport() == null ? "" : ", " + r.transport());
        out.printf(Locale.ROOT, "  Duration:       %.2f s%n", r.elapsedMs() / 1000.0);
        out.printf(Locale.ROOT, "  Requests:       %d   (2xx %d, 3xx %d, 4xx %d, 5xx %d)%n", r.requests(), r.status2xx(),
                r.status3xx(), r.status4xx(), r.status5xx());
        out.printf(Locale.ROOT, "  Errors:         %d   (connect %d, timeout %d, read %d, 4xx %d, 5xx %d)%n", r.errors(),
                r.connectErrors(), r.timeouts(), r.readErrors(), r.status4xx(), r.status5xx());
        out.printf(Locale.ROOT, "  Requests/sec:   %.2f%n", r.requestsPerSecond());
        out.printf(Locale.ROOT, "  Transfer/sec:   %.2f MB read%n", r.elapsedMs() == 0 ? 0 : r.bytesRead() / 1e6 / (r.elapsedMs() / 1000.0));
        out.printf(Locale.ROOT, "  Latency (ms):   p50 %.3f   p90 %.3f   p99 %.3f   p99.9 %.3f   max %.3f   mean %.3f%n",
                ms(l.p50()), ms(l.p90()), ms(l.p99()), ms(l.p999()), ms(l.max()), l.mean() / 1000);
        if (r.errors() > 0 && r.lastError() != null) {
            out.println("  Last error:     " + HostValidator.printable(r.lastError()));
        }
    }

    private static double ms(long us) {
        return us / 1000.0;
    }

    @Command(name = "run", description = "Send HTTP load to URL (loopback or lab hosts only) and store the result.",
            mixinStandardHelpOptions = true)
    static final class Run implements Callable<Integer> {
        private final Cli cli;

        @Parameters(paramLabel = "URL", description = "http:// or https:// URL on 127.0.0.0/8, ::1 or a lab host.")
        String url;

        @Option(names = "-c", paramLabel = "N", description = "Connections (default 100).")
        int connections = 100;

        @Option(names = "-n", paramLabel = "N", description = "Total requests.")
        Long requests;

        @Option(names = "-d", paramLabel = "DURATION", description = "Duration, e.g. 30s (default 10s unless -n is given).")
        String duration;

        @Option(names = "--rate", paramLabel = "R", description = "Constant rate in requests/s (wrk2 style; latency from the scheduled send time).")
        Double rate;

        @Option(names = "-H", paramLabel = "'Name: value'", description = {"Request header; repeatable. "
                + "'!Name: value' keeps the value secret: never stored, logged or exported (Authorization, Cookie, "
                + "X-Auth-Token and names with auth, token, secret, password, key, session, signature are secret anyway).",
                "Credentials in the URL (http://user:password@host/) are sent as Basic authentication and never stored."})
        List<String> headers = new ArrayList<>();

        @Option(names = "--method", paramLabel = "M", description = "Request method (default GET).")
        String method = "GET";

        @Option(names = "--body", paramLabel = "B", description = "Request body.")
        String body;

        @Option(names = "--timeout", paramLabel = "T", description = "Per-request timeout (default 5s).")
        String timeout;

        @Option(names = "--warmup", paramLabel = "T", description = "Warm-up before measuring, e.g. 2s (default none).")
        String warmup;

        @Option(names = "--threads", paramLabel = "N", description = "I/O threads (default: one per processor).")
        int threads;

        @Option(names = "--insecure", description = "Accept a self-signed or otherwise untrusted TLS certificate (lab targets).")
        boolean insecure;

        @Option(names = "--host-metrics", description = "Sample the target host's CPU, memory, network and disk (/proc) "
                + "each second beside the load: this machine for loopback targets, an inventory host over SSH.")
        boolean hostMetrics;

        @Option(names = "--label", paramLabel = "TEXT", description = "A note stored with the run, e.g. 'before tuning'.")
        String label;

        @Option(names = "--no-save", description = "Do not store the run.")
        boolean noSave;

        @Option(names = "--json", description = "Print one JSON object.")
        boolean json;

        Run(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            BenchmarkSpec spec;
            try {
                List<Header> hs = headers.stream().map(Header::parse).toList();
                if (requests != null && requests <= 0) {
                    throw new IllegalArgumentException("-n must be a positive number of requests, not " + requests + ".");
                }
                if (rate != null && rate <= 0) {
                    throw new IllegalArgumentException("--rate must be a positive number of requests per second, not " + rate + ".");
                }
                if (threads < 0) {
                    throw new IllegalArgumentException("--threads cannot be negative.");
                }
                Duration d = duration == null ? null : Durations.parse(duration);
                spec = BenchmarkSpec.of(url, connections, requests == null ? 0 : requests, d, rate == null ? 0 : rate,
                        warmup == null ? null : Durations.parse(warmup), timeout == null ? null : Durations.parse(timeout),
                        method, hs, body, insecure).withThreads(threads);
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage(), Cli.USAGE);
            }
            BenchmarkService benchmarks = cli.services().benchmarks();
            try {
                benchmarks.checkTarget(spec); // refused before a job is made or the database is touched for it
            } catch (BenchmarkException e) {
                throw new CliException(e.getMessage());
            }
            cli.store(); // a locked or foreign database is reported before any load is sent
            BenchmarkService.Running running = benchmarks.start(spec,
                    new BenchmarkService.Options(label, "url", null, hostMetrics, !noSave), BenchmarkService.Listener.NONE);
            // Ctrl-C (or TERM) ends the run early instead of the JVM: what was measured is printed and stored
            List<Object[]> previous = new ArrayList<>();
            for (String name : List.of("INT", "TERM")) {
                try {
                    sun.misc.Signal sig = new sun.misc.Signal(name);
                    previous.add(new Object[] {sig, sun.misc.Signal.handle(sig, s -> running.cancel())});
                } catch (IllegalArgumentException unavailable) {
                    // this platform or JVM option (-Xrs) does not let us catch it; the default stays
                }
            }
            try {
                report(running.job());
            } finally {
                cli.out().flush();
                for (Object[] p : previous) {
                    sun.misc.Signal.handle((sun.misc.Signal) p[0], (sun.misc.SignalHandler) p[1]);
                }
            }
            return Cli.OK;
        }

        private void report(Job<BenchmarkRun> job) {
            BenchmarkRun run;
            try {
                run = job.result().join();
            } catch (CompletionException | CancellationException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                throw new CliException(JobRunner.describe(cause) + " (job #" + job.id() + ")");
            }
            if (json) {
                cli.out().println(BenchmarkExport.write(BenchmarkExport.summary(run)));
            } else {
                printSummary(cli.out(), run);
                if (run.id() > 0) {
                    cli.out().println("Stored as run #" + run.id() + " ('" + org.clusterdeck.text.Invocation.command("bench compare ID1 ID2") + "' compares runs).");
                }
            }
        }
    }

    @Command(name = "list", description = "List stored runs, newest first.", mixinStandardHelpOptions = true)
    static final class ListRuns implements Callable<Integer> {
        private final Cli cli;

        @Option(names = "--json", description = "Print a JSON array.")
        boolean json;

        ListRuns(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            Table t = new Table("ID", "STARTED", "URL", "MODE", "CONNECTIONS", "REQUESTS", "REQ/S", "ERRORS", "P50 MS", "P99 MS", "LABEL");
            for (BenchmarkRun run : cli.services().benchmarks().history()) {
                BenchmarkResult r = run.result();
                t.row(run.id(), r.startedAt() == null ? null : r.startedAt().toString().replace('T', ' ').replaceFirst("\\.\\d+Z$", "Z"),
                        r.spec().url(), r.spec().constantRate() ? "rate " + (long) r.spec().rate() : "closed",
                        r.spec().connections(), r.requests(), Math.round(r.requestsPerSecond()), r.errors(),
                        ms(r.latency().p50()), ms(r.latency().p99()),
                        (r.cancelled() ? "[cancelled] " : "") + (run.label() == null ? "" : run.label()));
            }
            t.print(cli.out(), json);
            return Cli.OK;
        }
    }

    @Command(name = "show", description = "Show one stored run.", mixinStandardHelpOptions = true)
    static final class Show implements Callable<Integer> {
        private final Cli cli;

        @Parameters(paramLabel = "ID", description = "Run id from 'bench list'.")
        String id;

        @Option(names = "--json", description = "Print the run as JSON, with its series.")
        boolean json;

        Show(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            BenchmarkRun run = requireRun(cli, id);
            if (json) {
                cli.out().println(BenchmarkExport.json(run));
            } else {
                cli.out().println("Run #" + run.id() + (run.label() == null ? "" : " — " + HostValidator.printable(run.label())));
                printSummary(cli.out(), run);
                cli.out().println("  Series:         " + run.result().series().size() + " points"
                        + (run.hostSeries().isEmpty() ? "" : ", host metrics for " + run.hostSeries().size() + " s"));
            }
            return Cli.OK;
        }
    }

    @Command(name = "compare", description = "Compare two runs: did the change help? (Mann-Whitney U on per-second samples)",
            mixinStandardHelpOptions = true)
    static final class Compare implements Callable<Integer> {
        private final Cli cli;

        @Parameters(index = "0", paramLabel = "BEFORE", description = "Run id of the baseline.")
        String before;

        @Parameters(index = "1", paramLabel = "AFTER", description = "Run id after the change.")
        String after;

        @Option(names = "--json", description = "Print the deltas as JSON.")
        boolean json;

        Compare(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            BenchmarkRun a = requireRun(cli, before);
            BenchmarkRun b = requireRun(cli, after);
            List<RunComparison.MetricDelta> deltas = RunComparison.compare(a.result(), b.result());
            if (json) {
                List<Object> out = new ArrayList<>();
                for (RunComparison.MetricDelta d : deltas) {
                    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
                    m.put("metric", d.metric());
                    m.put("before", d.before());
                    m.put("after", d.after());
                    m.put("unit", d.unit());
                    m.put("change", d.change());
                    m.put("plusMinus", d.plusMinus());
                    m.put("changePercent", d.changePercent());
                    m.put("plusMinusPercent", d.plusMinusPercent());
                    m.put("pValue", d.pValue());
                    m.put("significant", d.significant());
                    m.put("improved", d.improved());
                    m.put("sentence", d.sentence());
                    out.add(m);
                }
                cli.out().println(BenchmarkExport.write(out));
                return Cli.OK;
            }
            cli.out().printf(Locale.ROOT, "Run #%d (%.0f req/s, p99 %.3f ms) → run #%d (%.0f req/s, p99 %.3f ms)%n", a.id(),
                    a.result().requestsPerSecond(), ms(a.result().latency().p99()), b.id(), b.result().requestsPerSecond(),
                    ms(b.result().latency().p99()));
            deltas.forEach(d -> cli.out().println("  " + d.sentence()));
            return Cli.OK;
        }
    }

    @Command(name = "export", description = "Write a run to a CSV (per-second series) or JSON file.", mixinStandardHelpOptions = true)
    static final class Export implements Callable<Integer> {
        private final Cli cli;

        @Parameters(paramLabel = "ID", description = "Run id from 'bench list'.")
        String id;

        @Option(names = "--format", paramLabel = "csv|json", description = "csv or json (default: from the file name, else json).")
        String format;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "File to write.")
        Path out;

        Export(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            String f = format != null ? format : out.toString().toLowerCase(Locale.ROOT).endsWith(".csv") ? "csv" : "json";
            BenchmarkExport.Format fmt = switch (f.toLowerCase(Locale.ROOT)) {
                case "csv" -> BenchmarkExport.Format.CSV;
                case "json" -> BenchmarkExport.Format.JSON;
                default -> throw new CliException("Format '" + HostValidator.printable(f) + "' is not known; use csv or json.", Cli.USAGE);
            };
            BenchmarkRun run = requireRun(cli, id);
            try {
                BenchmarkExport.write(run, fmt, out);
            } catch (BenchmarkException e) {
                throw new CliException(e.getMessage());
            }
            cli.out().println("Wrote run #" + run.id() + " as " + fmt.name().toLowerCase(Locale.ROOT) + " to " + out.toAbsolutePath() + ".");
            return Cli.OK;
        }
    }
}
