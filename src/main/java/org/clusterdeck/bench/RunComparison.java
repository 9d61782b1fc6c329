package org.clusterdeck.bench;

import org.clusterdeck.model.BenchmarkResult;
import org.clusterdeck.model.SecondSample;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Answers "did that change help?": compares two runs metric by metric on their per-second
 * samples, with a Mann-Whitney U test for significance and bootstrap intervals for the size of
 * the change, and says it in plain words ("p99 latency got worse by 12 ms (± 3 ms); this is not
 * noise").
 */
public final class RunComparison {
    /** Fewer seconds than this per run and the comparison declines to judge. */
    public static final int MIN_SAMPLES = 5;
    public static final double ALPHA = 0.05;
    private static final int ROUNDS = 2000;
    private static final long SEED = 42;

    /**
     * One metric before and after (means of the per-second values, in {@code unit}). The change
     * and the half-width of its 95 % interval are given in the unit and in percent of "before".
     */
    public record MetricDelta(String metric, String unit, boolean higherIsBetter, double before, double after,
                              double change, double plusMinus, double changePercent, double plusMinusPercent,
                              double pValue, int samplesBefore, int samplesAfter) {

        public boolean enoughData() {
            return samplesBefore >= MIN_SAMPLES && samplesAfter >= MIN_SAMPLES;
        }

        public boolean significant() {
            return enoughData() && pValue < ALPHA;
        }

        /** True when the change is significant and in the good direction. */
        public boolean improved() {
            return significant() && (higherIsBetter ? change > 0 : change < 0);
        }

        /**
         * E.g. "p99 latency got worse by 12 ms (± 3 ms, +18 %); this is not noise (p = 0.002)." or
         * "requests/s changed by +40 req/s (± 210 req/s, +0 %); this is within the noise (p = 0.61)."
         */
        public String sentence() {
            if (!enoughData()) {
                return String.format(Locale.ROOT, "%s: not enough data to judge (%d and %d seconds; need %d each).",
                        metric, samplesBefore, samplesAfter, MIN_SAMPLES);
            }
            if (change == 0 && plusMinus == 0) {
                return String.format(Locale.ROOT, "%s did not change (%s in both runs).", metric, amount(before));
            }
            if (!significant()) {
                return String.format(Locale.ROOT, "%s changed by %s%s (± %s, %+.0f %%); this is within the noise (p %s).",
                        metric, change >= 0 ? "+" : "−", amount(Math.abs(change)), amount(plusMinus), changePercent,
                        p(pValue));
            }
            boolean better = higherIsBetter ? change > 0 : change < 0;
            return String.format(Locale.ROOT, "%s got %s by %s (± %s, %+.0f %%); this is not noise (p %s).", metric,
                    better ? "better" : "worse", amount(Math.abs(change)), amount(plusMinus), changePercent, p(pValue));
        }

        /** A value of this metric with its unit: "12.3 ms", "9,870 req/s". */
        public String amount(double v) {
            return format(v) + " " + unit;
        }

        private static String format(double v) {
            double a = Math.abs(v);
            if (a >= 100) {
                return String.format(Locale.ROOT, "%,.0f", v);
            }
            return String.format(Locale.ROOT, a >= 10 ? "%.1f" : "%.2f", v);
        }

        private static String p(double p) {
            return p < 0.001 ? "< 0.001" : String.format(Locale.ROOT, "= %.3f", p);
        }
    }

    private RunComparison() {
    }

    /** Compares {@code before} with {@code after}: requests/s, errors/s and the p50, p90, p99 and max latency per second. */
    public static List<MetricDelta> compare(BenchmarkResult before, BenchmarkResult after) {
        List<MetricDelta> out = new ArrayList<>();
        out.add(metric("requests/s", "req/s", true, before, after, SecondSample::requestsPerSecond, false));
        out.add(metric("errors/s", "errors/s", false, before, after,
                s -> s.widthMs() <= 0 ? 0 : s.errors() * 1000.0 / s.widthMs(), false));
        out.add(metric("p50 latency", "ms", false, before, after, s -> s.p50() / 1000.0, true));
        out.add(metric("p90 latency", "ms", false, before, after, s -> s.p90() / 1000.0, true));
        out.add(metric("p99 latency", "ms", false, before, after, s -> s.p99() / 1000.0, true));
        out.add(metric("max latency", "ms", false, before, after, s -> s.max() / 1000.0, true));
        return out;
    }

    /** The comparison as text, one sentence per metric. */
    public static String describe(BenchmarkResult before, BenchmarkResult after) {
        StringBuilder b = new StringBuilder();
        for (MetricDelta d : compare(before, after)) {
            b.append(d.sentence()).append('\n');
        }
        return b.toString();
    }

    private static MetricDelta metric(String name, String unit, boolean higherIsBetter, BenchmarkResult a,
                                      BenchmarkResult b, ToDoubleFunction<SecondSample> f, boolean needsResponses) {
        double[] x = values(a, f, needsResponses);
        double[] y = values(b, f, needsResponses);
        double ma = Statistics.mean(x);
        double mb = Statistics.mean(y);
        double changePercent = ma == 0 ? 0 : (mb - ma) / ma * 100;
        double half = 0;
        double halfPercent = 0;
        if (x.length > 0 && y.length > 0) {
            double[] ci = Statistics.bootstrapDifference(x, y, ROUNDS, SEED);
            half = (ci[1] - ci[0]) / 2;
            double[] ciPercent = Statistics.bootstrapChangePercent(x, y, ROUNDS, SEED);
            halfPercent = (ciPercent[1] - ciPercent[0]) / 2;
        }
        return new MetricDelta(name, unit, higherIsBetter, ma, mb, mb - ma, half, changePercent, halfPercent,
                Statistics.mannWhitneyP(x, y), x.length, y.length);
    }

    /** Samples of at least half a second; a trailing sliver would skew requests/s. */
    private static double[] values(BenchmarkResult r, ToDoubleFunction<SecondSample> f, boolean needsResponses) {
        return r.series().stream()
                .filter(s -> s.widthMs() >= 500 && (!needsResponses || s.requests() > 0))
                .mapToDouble(f).toArray();
    }
}
