package org.clusterdeck.model;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a run measured: counts by status class and error kind, bytes, latency percentiles of the
 * whole run and its per-second series. {@code cancelled} runs keep everything measured until then.
 * {@code histogram} is the run's full HdrHistogram, compressed and Base64-encoded.
 */
public record BenchmarkResult(BenchmarkSpec spec, String address, String transport, Instant startedAt, long elapsedMs,
                              boolean cancelled, long status2xx, long status3xx, long status4xx, long status5xx,
                              long statusOther, long connectErrors, long timeouts, long readErrors, long bytesRead,
                              long bytesWritten, LatencySummary latency, List<SecondSample> series, String histogram,
                              String lastError) {

    public BenchmarkResult {
        series = List.copyOf(series);
    }

    /** Responses received, whatever their status. */
    public long requests() {
        return status2xx + status3xx + status4xx + status5xx + statusOther;
    }

    public long errors() {
        return connectErrors + timeouts + readErrors + status4xx + status5xx;
    }

    public double requestsPerSecond() {
        return elapsedMs <= 0 ? 0 : requests() * 1000.0 / elapsedMs;
    }

    public Map<ErrorKind, Long> errorsByKind() {
        Map<ErrorKind, Long> m = new EnumMap<>(ErrorKind.class);
        m.put(ErrorKind.CONNECT, connectErrors);
        m.put(ErrorKind.TIMEOUT, timeouts);
        m.put(ErrorKind.READ, readErrors);
        m.put(ErrorKind.STATUS_4XX, status4xx);
        m.put(ErrorKind.STATUS_5XX, status5xx);
        return m;
    }
}
