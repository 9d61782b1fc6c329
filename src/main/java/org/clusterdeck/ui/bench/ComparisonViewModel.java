package org.clusterdeck.ui.bench;

import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.clusterdeck.model.BenchmarkRun;
import org.clusterdeck.bench.LatencyPercentiles;
import org.clusterdeck.bench.RunComparison;
import org.clusterdeck.job.JobRunner;
import org.clusterdeck.bench.BenchmarkService;
import org.clusterdeck.ui.UiContext;

/**
 * State of the comparison view: two stored runs (the older one is "before"), each metric's change
 * with its interval and sentence, and both latency percentile curves. Loaded off the FX thread.
 */
public final class ComparisonViewModel {
    /** Everything the view shows, computed in the background. */
    public record Comparison(BenchmarkRun before, BenchmarkRun after, List<RunComparison.MetricDelta> deltas,
                             List<LatencyPercentiles.Point> beforeCurve, List<LatencyPercentiles.Point> afterCurve) {
    }

    private final UiContext ctx;
    private final BenchmarkService runs;
    private final ObjectProperty<Comparison> comparison = new SimpleObjectProperty<>();
    private final StringProperty status = new SimpleStringProperty("");

    public ComparisonViewModel(UiContext ctx) {
        this.ctx = ctx;
        this.runs = ctx.services().benchmarks();
    }

    /** Loads and compares two runs by id, in either order. */
    public void load(long a, long b) {
        if (a == b) {
            status.set("Select two different runs to compare.");
            return;
        }
        status.set("Comparing run #" + Math.min(a, b) + " with run #" + Math.max(a, b) + "…");
        ctx.background().run("Compare benchmark runs", () -> compute(Math.min(a, b), Math.max(a, b)))
                .onFailure(err -> status.set("Comparison failed: " + JobRunner.describe(err)))
                .onSuccess(c -> {
                    comparison.set(c);
                    status.set("");
                });
    }

    private Comparison compute(long beforeId, long afterId) {
        BenchmarkRun before = runs.find(beforeId)
                .orElseThrow(() -> new IllegalArgumentException("Run #" + beforeId + " no longer exists."));
        BenchmarkRun after = runs.find(afterId)
                .orElseThrow(() -> new IllegalArgumentException("Run #" + afterId + " no longer exists."));
        return new Comparison(before, after, RunComparison.compare(before.result(), after.result()),
                curve(before), curve(after));
    }

    private static List<LatencyPercentiles.Point> curve(BenchmarkRun run) {
        try {
            return LatencyPercentiles.curve(run.result().histogram());
        } catch (IllegalArgumentException e) {
            return List.of(); // the per-metric comparison still stands without the plot
        }
    }

    public UiContext context() { return ctx; }
    public ObjectProperty<Comparison> comparisonProperty() { return comparison; }
    public StringProperty statusProperty() { return status; }
}
