package org.clusterdeck.ui.bench;

import java.util.List;
import java.util.Locale;
import org.clusterdeck.model.BenchmarkResult;
import org.clusterdeck.model.BenchmarkRun;
import org.clusterdeck.model.LatencySummary;
import org.clusterdeck.bench.RunComparison;

/** The page's texts: a run's summary and a comparison, worded as the CLI words them. */
final class BenchmarkText {
    private BenchmarkText() {
    }

    static String summary(BenchmarkRun run) {
        BenchmarkResult r = run.result();
        LatencySummary l = r.latency();
        StringBuilder b = new StringBuilder();
        b.append(run.id() > 0 ? "Run #" + run.id() : "Run").append(run.label() == null ? "" : " — " + run.label())
                .append(r.cancelled() ? " (cancelled)" : "").append('\n');
        b.append(r.spec().url()).append("  ·  ").append(r.spec().describe()).append('\n');
        b.append(String.format(Locale.ROOT, "%,d requests in %.1f s: %,.0f req/s%n", r.requests(), r.elapsedMs() / 1000.0,
                r.requestsPerSecond()));
        b.append(String.format(Locale.ROOT, "Latency ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n",
                l.p50() / 1000.0, l.p90() / 1000.0, l.p99() / 1000.0, l.p999() / 1000.0, l.max() / 1000.0));
        b.append(String.format(Locale.ROOT, "Errors: %,d (connect %d, timeout %d, read %d, 4xx %d, 5xx %d)", r.errors(),
                r.connectErrors(), r.timeouts(), r.readErrors(), r.status4xx(), r.status5xx()));
        if (r.lastError() != null && r.errors() > 0) {
            b.append("\nLast error: ").append(r.lastError());
        }
        return b.toString();
    }

    static String comparison(BenchmarkRun before, BenchmarkRun after, List<RunComparison.MetricDelta> deltas) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "Run #%d → run #%d%n", before.id(), after.id()));
        for (RunComparison.MetricDelta d : deltas) {
            b.append(d.sentence()).append('\n');
        }
        return b.toString().strip();
    }
}
