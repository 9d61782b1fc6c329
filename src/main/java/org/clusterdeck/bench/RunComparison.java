package org.clusterdeck.bench;

import org.clusterdeck.model.BenchmarkResult;
import org.clusterdeck.model.SecondSample;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Answers "did that change help?": compares two runs metric by metric on their per-second
 * samples, with a Mann-Whitney U test for significance and a bootstrap interval for the size of
 * the change, and says it in plain words.
 */
public final class RunComparison {
    /** Fewer seconds than this per run and the comparison declines to judge. */
    public static final int MIN_SAMPLES = 5;
    public static final double ALPHA = 0.05;

    /** One metric before and after. Change and interval half-width in percent of "before". */
    public record MetricDelta(String metric, boolean higherIsBetter, double before, double after, double changePercent,
                              double plusMinusPercent, double pValue, int samplesBefore, int samplesAfter) {

        public boolean enoughData() {
            return samplesBefore >= MIN_SAMPLES && samplesAfter >= MIN_SAMPLES;
        }

        public boolean significant() {
            return enoughData() && pValue < ALPHA;
        }

        /** True when the change is significant and in the good direction. */
        public boolean improved() {
            return significant() && (higherIsBetter ? changePercent > 0 : changePercent < 0);
        }

        /** E.g. "p99 improved by 18 % ± 4 %, significant (p = 0.002)". */
        public String sentence() {
            if (!enoughData()) {
                return String.format(Locale.ROOT, "%s: not enough data to judge (%d and %d seconds; need %d each)",
                        metric, samplesBefore, samplesAfter, MIN_SAMPLES);
            }
            if (!significant()) {
                return String.format(Locale.ROOT, "%s: no significant difference (%+.0f %% ± %.0f %%, p = %.2f)",
                        metric, changePercent, plusMinusPercent, pValue);
            }
            boolean better = higherIsBetter ? changePercent > 0 : changePercent < 0;
            return String.format(Locale.ROOT, "%s %s by %.0f %% ± %.0f %%, significant (p %s)", metric,
                    better ? "improved" : "worsened", Math.abs(changePercent), plusMinusPercent, p(pValue));
        }

        private static String p(double p) {
            return p < 0.001 ? "< 0.001" : String.format(Locale.ROOT, "= %.3f", p);
        }
    }

    private RunComparison() {
    }

    /** Compares {@code before} with {@code after}: requests/s, p50, p90 and p99 per second. */
    public static List<MetricDelta> compare(BenchmarkResult before, BenchmarkResult after) {
        List<MetricDelta> out = new ArrayList<>();
        out.add(metric("requests/s", true, before, after, SecondSample::requestsPerSecond, false));
        out.add(metric("p50", false, before, after, s -> s.p50(), true));
        out.add(metric("p90", false, before, after, s -> s.p90(), true));
        out.add(metric("p99", false, before, after, s -> s.p99(), true));
        return out;
    }

    /** The comparison as text, one sentence per metric, headed by the two runs' overall figures. */
    public static String describe(BenchmarkResult before, BenchmarkResult after) {
        StringBuilder b = new StringBuilder();
        for (MetricDelta d : compare(before, after)) {
            b.append(d.sentence()).append('\n');
        }
        return b.toString();
    }

    private static MetricDelta metric(String name, boolean higherIsBetter, BenchmarkResult a, BenchmarkResult b,
                                      ToDoubleFunction<SecondSample> f, boolean needsResponses) {
        double[] x = values(a, f, needsResponses);
        double[] y = values(b, f, needsResponses);
        double ma = Statistics.mean(x);
        double mb = Statistics.mean(y);
        double change = ma == 0 ? 0 : (mb - ma) / ma * 100;
        double half = 0;
        if (x.length > 0 && y.length > 0) {
            double[] ci = Statistics.bootstrapChangePercent(x, y, 2000, 42);
            half = (ci[1] - ci[0]) / 2;
        }
        return new MetricDelta(name, higherIsBetter, ma, mb, change, half, Statistics.mannWhitneyP(x, y), x.length, y.length);
    }

    /** Samples of at least half a second; a trailing sliver would skew requests/s. */
    private static double[] values(BenchmarkResult r, ToDoubleFunction<SecondSample> f, boolean needsResponses) {
        return r.series().stream()
                .filter(s -> s.widthMs() >= 500 && (!needsResponses || s.requests() > 0))
                .mapToDouble(f).toArray();
    }
}
