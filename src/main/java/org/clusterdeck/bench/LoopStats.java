package org.clusterdeck.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * What the connections of one event loop measured. Written only by that loop's thread (so no
 * contended atomics on the hot path), read once a second by the engine's sampler.
 */
final class LoopStats {
    /** Latencies are kept in microseconds up to one hour, 3 significant digits. */
    static final long MAX_MICROS = 3_600_000_000L;

    private final SingleWriterRecorder recorder = new SingleWriterRecorder(1, MAX_MICROS, 3);
    private Histogram recycled;
    // volatile: single writer, read by the sampler thread; ++ on a volatile is safe with one writer
    volatile long status2xx;
    volatile long status3xx;
    volatile long status4xx;
    volatile long status5xx;
    volatile long statusOther;
    volatile long connectErrors;
    volatile long timeouts;
    volatile long readErrors;
    volatile long bytesRead;
    volatile long bytesWritten;
    volatile String lastError;

    void recordResponse(int status, long latencyNanos) {
        recorder.recordValue(Math.min(MAX_MICROS, Math.max(1, latencyNanos / 1000)));
        switch (status / 100) {
            case 2 -> status2xx++;
            case 3 -> status3xx++;
            case 4 -> status4xx++;
            case 5 -> status5xx++;
            default -> statusOther++;
        }
    }

    /** The latencies recorded since the last call; the returned histogram is reused next time. */
    Histogram takeInterval() {
        recycled = recorder.getIntervalHistogram(recycled);
        return recycled;
    }

    long responses() {
        return status2xx + status3xx + status4xx + status5xx + statusOther;
    }

    long errors() {
        return connectErrors + timeouts + readErrors + status4xx + status5xx;
    }
}
