package org.clusterdeck.model;

/** Latency percentiles of a run or of one second, in microseconds. */
public record LatencySummary(long p50, long p90, long p99, long p999, long max, double mean) {
    public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0);

    public static double ms(long micros) {
        return micros / 1000.0;
    }
}
