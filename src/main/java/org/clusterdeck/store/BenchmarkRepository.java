package org.clusterdeck.store;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.clusterdeck.model.BenchmarkResult;
import org.clusterdeck.model.BenchmarkRun;
import org.clusterdeck.model.BenchmarkSpec;
import org.clusterdeck.model.Header;
import org.clusterdeck.model.HostSample;
import org.clusterdeck.model.LatencySummary;
import org.clusterdeck.model.SecondSample;

/**
 * Benchmark runs with their parameters, summary and per-second series. Secret header values
 * and request bodies are not stored.
 */
public final class BenchmarkRepository {
    private static final String SUMMARY_COLUMNS = "id, started_at, url, address, target_kind, target_name, label, mode, "
            + "connections, request_limit, duration_limit_ms, rate, warmup_ms, timeout_ms, method, headers, body_bytes, "
            + "insecure, transport, cancelled, elapsed_ms, status_2xx, status_3xx, status_4xx, status_5xx, status_other, "
            + "connect_errors, timeouts, read_errors, bytes_read, bytes_written, p50_us, p90_us, p99_us, p999_us, "
            + "max_us, mean_us, last_error";
    private final Sql sql;

    public BenchmarkRepository(Sql sql) {
        this.sql = sql;
    }

    /** Stores a run and returns it with its new id. */
    public BenchmarkRun save(BenchmarkRun run) {
        BenchmarkResult r = run.result();
        BenchmarkSpec s = r.spec();
        LatencySummary l = r.latency();
        String headers = s.headers().stream().map(Header::redacted).collect(Collectors.joining("\n"));
        long id = sql.insert("INSERT INTO bench_runs(started_at, url, address, target_kind, target_name, label, mode, "
                        + "connections, request_limit, duration_limit_ms, rate, warmup_ms, timeout_ms, method, headers, "
                        + "body_bytes, insecure, transport, cancelled, elapsed_ms, requests, status_2xx, status_3xx, "
                        + "status_4xx, status_5xx, status_other, connect_errors, timeouts, read_errors, bytes_read, "
                        + "bytes_written, rps, p50_us, p90_us, p99_us, p999_us, max_us, mean_us, last_error, histogram, "
                        + "series, host_series) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                r.startedAt(), s.url().toString(), r.address(), run.targetKind(), run.targetName(), clip(run.label(), 255),
                s.constantRate() ? "rate" : "closed", s.connections(), s.requests() > 0 ? s.requests() : null,
                s.duration() == null ? null : s.duration().toMillis(), s.constantRate() ? s.rate() : null,
                s.warmup().toMillis(), s.timeout().toMillis(), s.method(), clip(headers, 8000),
                s.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length, s.insecure(), r.transport(),
                r.cancelled(), r.elapsedMs(), r.requests(), r.status2xx(), r.status3xx(), r.status4xx(), r.status5xx(),
                r.statusOther(), r.connectErrors(), r.timeouts(), r.readErrors(), r.bytesRead(), r.bytesWritten(),
                r.requestsPerSecond(), l.p50(), l.p90(), l.p99(), l.p999(), l.max(), l.mean(), clip(r.lastError(), 1000),
                r.histogram(), r.series().stream().map(SecondSample::encode).collect(Collectors.joining("\n")),
                run.hostSeries().isEmpty() ? null
                        : run.hostSeries().stream().map(HostSample::encode).collect(Collectors.joining("\n")));
        return run.withId(id);
    }

    /** All runs, newest first, without their series (for lists). */
    public List<BenchmarkRun> findAll() {
        return sql.query("SELECT " + SUMMARY_COLUMNS + " FROM bench_runs ORDER BY id DESC", rs -> map(rs, false));
    }

    /** One run with its series and host metrics. */
    public Optional<BenchmarkRun> findById(long id) {
        return sql.queryOne("SELECT " + SUMMARY_COLUMNS + ", histogram, series, host_series FROM bench_runs WHERE id = ?",
                rs -> map(rs, true), id);
    }

    public void setLabel(long id, String label) {
        sql.update("UPDATE bench_runs SET label = ? WHERE id = ?", clip(label, 255), id);
    }

    public boolean delete(long id) {
        return sql.update("DELETE FROM bench_runs WHERE id = ?", id) > 0;
    }

    private static BenchmarkRun map(ResultSet rs, boolean full) throws SQLException {
        List<Header> headers = new ArrayList<>();
        String h = rs.getString("headers");
        if (h != null && !h.isBlank()) {
            for (String line : h.split("\n")) {
                headers.add(Header.parse(line));
            }
        }
        Long limit = Sql.nullableLong(rs, "request_limit");
        Long duration = Sql.nullableLong(rs, "duration_limit_ms");
        double rate = rs.getDouble("rate");
        if (rs.wasNull()) {
            rate = 0;
        }
        BenchmarkSpec spec = new BenchmarkSpec(URI.create(rs.getString("url")), rs.getInt("connections"),
                limit == null ? 0 : limit, duration == null ? null : Duration.ofMillis(duration), rate,
                Duration.ofMillis(rs.getLong("warmup_ms")), Duration.ofMillis(rs.getLong("timeout_ms")),
                rs.getString("method"), headers, "", rs.getBoolean("insecure"), 0);
        LatencySummary latency = new LatencySummary(rs.getLong("p50_us"), rs.getLong("p90_us"), rs.getLong("p99_us"),
                rs.getLong("p999_us"), rs.getLong("max_us"), rs.getDouble("mean_us"));
        List<SecondSample> series = new ArrayList<>();
        List<HostSample> hostSeries = new ArrayList<>();
        String histogram = null;
        if (full) {
            histogram = rs.getString("histogram");
            lines(rs.getString("series")).forEach(l -> series.add(SecondSample.decode(l)));
            lines(rs.getString("host_series")).forEach(l -> hostSeries.add(HostSample.decode(l)));
        }
        BenchmarkResult result = new BenchmarkResult(spec, rs.getString("address"), rs.getString("transport"),
                Sql.instant(rs, "started_at"), rs.getLong("elapsed_ms"), rs.getBoolean("cancelled"), rs.getLong("status_2xx"),
                rs.getLong("status_3xx"), rs.getLong("status_4xx"), rs.getLong("status_5xx"), rs.getLong("status_other"),
                rs.getLong("connect_errors"), rs.getLong("timeouts"), rs.getLong("read_errors"), rs.getLong("bytes_read"),
                rs.getLong("bytes_written"), latency, series, histogram, rs.getString("last_error"));
        return new BenchmarkRun(rs.getLong("id"), rs.getString("label"), rs.getString("target_kind"),
                rs.getString("target_name"), result, hostSeries);
    }

    private static List<String> lines(String text) {
        return text == null || text.isBlank() ? List.of() : text.lines().filter(l -> !l.isBlank()).toList();
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
