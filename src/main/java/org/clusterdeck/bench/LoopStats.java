package org.clusterdeck.bench;

import org.HdrHistogram.Histogram;

/**
 * What the connections of one event loop measured. Written only by that loop's thread with plain
 * (non-atomic) operations, so the hot path has no contended atomics or fences; once a second
 * the sampler asks the loop itself (a task on it) to hand over an {@link Interval}.
 */
final class LoopStats {
    /** Latencies are kept in microseconds up to one hour, 3 significant digits. */
    static final long MAX_MICROS = 3_600_000_000L;

    /** A copy of the counters (running totals) and the latencies since the last hand-over. */
    record Interval(Histogram latencies, long[] counters, String lastError) {
    }

    static final int S2 = 0;
    static final int S3 = 1;
    static final int S4 = 2;
    static final int S5 = 3;
    static final int OTHER = 4;
    static final int CONNECT = 5;
    static final int TIMEOUT = 6;
    static final int READ = 7;
    static final int BYTES_READ = 8;
    static final int BYTES_WRITTEN = 9;

    final io.netty.channel.EventLoop loop;

    LoopStats(io.netty.channel.EventLoop loop) {
        this.loop = loop;
    }

    /** The loop's copy buffer for response headers (one loop thread, so one buffer). */
    final byte[] scratch = new byte[16 * 1024];
    private Histogram active = newHistogram();
    private Histogram spare = newHistogram();
    long status2xx;
    long status3xx;
    long status4xx;
    long status5xx;
    long statusOther;
    long connectErrors;
    long timeouts;
    long readErrors;
    long bytesRead;
    long bytesWritten;
    String lastError;

    static Histogram newHistogram() {
        return new Histogram(1, MAX_MICROS, 3);
    }

    void recordResponse(int status, long latencyNanos) {
        active.recordValue(Math.min(MAX_MICROS, Math.max(1, latencyNanos / 1000)));
        switch (status / 100) {
            case 2 -> status2xx++;
            case 3 -> status3xx++;
            case 4 -> status4xx++;
            case 5 -> status5xx++;
            default -> statusOther++;
        }
    }

    /** Runs on the loop: swaps in the spare histogram and copies the counters. */
    Interval take() {
        Histogram h = active;
        active = spare;
        spare = null;
        return new Interval(h, new long[] {status2xx, status3xx, status4xx, status5xx, statusOther, connectErrors, timeouts,
                readErrors, bytesRead, bytesWritten}, lastError);
    }

    /** Gives an emptied histogram back for the next hand-over (called by the sampler before its next take). */
    void recycle(Histogram h) {
        h.reset();
        spare = h;
    }
}
