package org.clusterdeck.model;

/**
 * One point of a run's time series: what happened during {@code widthMs} starting {@code startMs}
 * after measuring began. Latencies in microseconds.
 */
public record SecondSample(long startMs, long widthMs, long requests, long errors, long bytes,
                           long p50, long p90, long p99, long max) {

    public double requestsPerSecond() {
        return widthMs <= 0 ? 0 : requests * 1000.0 / widthMs;
    }

    /** Two adjacent samples as one; percentiles keep the worse of the two (a coarse series never hides a spike). */
    public SecondSample merge(SecondSample next) {
        return new SecondSample(startMs, next.startMs + next.widthMs - startMs, requests + next.requests,
                errors + next.errors, bytes + next.bytes, Math.max(p50, next.p50), Math.max(p90, next.p90),
                Math.max(p99, next.p99), Math.max(max, next.max));
    }

    /** The compact text form stored in the database: one line of comma-separated numbers. */
    public String encode() {
        return startMs + "," + widthMs + "," + requests + "," + errors + "," + bytes + "," + p50 + "," + p90 + ","
                + p99 + "," + max;
    }

    public static SecondSample decode(String line) {
        String[] f = line.split(",");
        if (f.length != 9) {
            throw new IllegalArgumentException("bad sample line: " + line);
        }
        long[] v = new long[9];
        for (int i = 0; i < 9; i++) {
            v[i] = Long.parseLong(f[i].strip());
        }
        return new SecondSample(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]);
    }
}
