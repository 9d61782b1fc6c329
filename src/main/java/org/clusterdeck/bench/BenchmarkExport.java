package org.clusterdeck.bench;

import org.clusterdeck.model.BenchmarkResult;
import org.clusterdeck.model.BenchmarkRun;
import org.clusterdeck.model.BenchmarkSpec;
import org.clusterdeck.model.Header;
import org.clusterdeck.model.LatencySummary;
import org.clusterdeck.model.SecondSample;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;

import java.util.Locale;
import java.util.Map;

/** A run as JSON (summary, parameters, series) or as CSV (the per-second series), for the CLI and the UI. */
public final class BenchmarkExport {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Export formats. */
    public enum Format { CSV, JSON }

    private BenchmarkExport() {
    }

    /** The summary object printed by {@code bench run --json}: requests, requestsPerSecond, errors, latencyMs... */
    public static Map<String, Object> summary(BenchmarkRun run) {
        BenchmarkResult r = run.result();
        BenchmarkSpec s = r.spec();
        Map<String, Object> o = new LinkedHashMap<>();
        if (run.id() > 0) {
            o.put("id", run.id());
        }
        o.put("url", s.url().toString());
        o.put("address", r.address());
        o.put("label", run.label());
        o.put("startedAt", r.startedAt() == null ? null : r.startedAt().toString());
        o.put("mode", s.constantRate() ? "constant-rate" : "closed-loop");
        o.put("connections", s.connections());
        o.put("rate", s.constantRate() ? s.rate() : null);
        o.put("method", s.method());
        o.put("elapsedMs", r.elapsedMs());
        o.put("cancelled", r.cancelled());
        o.put("requests", r.requests());
        o.put("requestsPerSecond", round(r.requestsPerSecond(), 1));
        o.put("errors", r.errors());
        Map<String, Object> kinds = new LinkedHashMap<>();
        r.errorsByKind().forEach((k, v) -> kinds.put(k.name().toLowerCase(Locale.ROOT).replace("status_", ""), v));
        o.put("errorsByKind", kinds);
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("2xx", r.status2xx());
        status.put("3xx", r.status3xx());
        status.put("4xx", r.status4xx());
        status.put("5xx", r.status5xx());
        status.put("other", r.statusOther());
        o.put("status", status);
        o.put("bytesRead", r.bytesRead());
        o.put("bytesWritten", r.bytesWritten());
        LatencySummary l = r.latency();
        Map<String, Object> lat = new LinkedHashMap<>();
        lat.put("p50", ms(l.p50()));
        lat.put("p90", ms(l.p90()));
        lat.put("p99", ms(l.p99()));
        lat.put("p999", ms(l.p999()));
        lat.put("max", ms(l.max()));
        lat.put("mean", round(l.mean() / 1000, 3));
        o.put("latencyMs", lat);
        o.put("lastError", r.lastError());
        return o;
    }

    /** Summary plus parameters, series and host metrics. */
    public static String json(BenchmarkRun run) {
        Map<String, Object> o = summary(run);
        o.put("headers", run.result().spec().headers().stream().map(Header::redacted).toList());
        o.put("timeoutMs", run.result().spec().timeout().toMillis());
        o.put("warmupMs", run.result().spec().warmup().toMillis());
        o.put("series", run.result().series().stream().map(BenchmarkExport::sampleMap).toList());
        o.put("hostSeries", run.hostSeries());
        return write(o);
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write JSON: " + e.getMessage(), e);
        }
    }

    /** The per-second series as CSV, one row per point, latencies in milliseconds. */
    public static String csv(BenchmarkRun run) {
        StringBuilder b = new StringBuilder("start_s,width_s,requests,requests_per_s,errors,bytes,p50_ms,p90_ms,p99_ms,max_ms\n");
        for (SecondSample s : run.result().series()) {
            b.append(String.format(Locale.ROOT, "%.3f,%.3f,%d,%.1f,%d,%d,%.3f,%.3f,%.3f,%.3f%n", s.startMs() / 1000.0,
                    s.widthMs() / 1000.0, s.requests(), s.requestsPerSecond(), s.errors(), s.bytes(), ms(s.p50()),
                    ms(s.p90()), ms(s.p99()), ms(s.max())));
        }
        return b.toString();
    }

    /** Writes the export to {@code file} atomically (a half-written file never replaces a good one). */
    public static void write(BenchmarkRun run, Format format, Path file) {
        String text = format == Format.CSV ? csv(run) : json(run);
        Path abs = file.toAbsolutePath();
        try {
            Path dir = abs.getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            Path tmp = Files.createTempFile(dir, ".bench-export", ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new BenchmarkException("Cannot write " + abs + ": " + e.getMessage() + ". Choose another file.", e);
        }
    }

    private static Map<String, Object> sampleMap(SecondSample s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("startMs", s.startMs());
        m.put("widthMs", s.widthMs());
        m.put("requests", s.requests());
        m.put("requestsPerSecond", round(s.requestsPerSecond(), 1));
        m.put("errors", s.errors());
        m.put("bytes", s.bytes());
        m.put("p50Ms", ms(s.p50()));
        m.put("p90Ms", ms(s.p90()));
        m.put("p99Ms", ms(s.p99()));
        m.put("maxMs", ms(s.max()));
        return m;
    }

    static double ms(long micros) {
        return round(micros / 1000.0, 3);
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

}
