package org.clusterdeck.bench;

import org.HdrHistogram.Histogram;

/** Latency percentiles of a run or of one second, in microseconds. */
public record LatencySummary(long p50, long p90, long p99, long p999, long max, double mean) {
    public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0);

    public static LatencySummary of(Histogram h) {
        if (h.getTotalCount() == 0) {
            return EMPTY;
        }
        return new LatencySummary(h.getValueAtPercentile(50), h.getValueAtPercentile(90), h.getValueAtPercentile(99),
                h.getValueAtPercentile(99.9), h.getMaxValue(), h.getMean());
    }

    public static double ms(long micros) {
        return micros / 1000.0;
    }
}
