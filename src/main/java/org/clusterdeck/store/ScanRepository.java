package org.clusterdeck.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Security scan runs, finding identities with their state, and what each run saw of each finding
 * (V9__scans.sql). Kinds and states are the scan package's enums as lower-case text: the store
 * depends on the model only, so the scan service maps these rows to its own records.
 */
public final class ScanRepository {
    private static final String FINDING_COLUMNS = "f.id, s.scan_id, f.kind, f.target, f.host, f.check_id, f.item_key, f.state, "
            + "f.reason, f.fixed_by_change_set, f.fixed_in_scan, f.first_seen, f.updated_at, "
            + "s.severity, s.title, s.evidence, s.why, s.fix";
    /** Each finding with what its newest run saw of it. */
    private static final String LATEST = "SELECT " + FINDING_COLUMNS + " FROM scan_findings f "
            + "JOIN scan_sightings s ON s.finding_id = f.id AND s.scan_id = f.last_scan_id ";

    private final Sql sql;

    public ScanRepository(Sql sql) {
        this.sql = sql;
    }

    /** A stored run. {@code index} only for host audits. */
    public record RunRow(long id, String kind, String target, String host, Instant startedAt, long elapsedMs, Integer index,
            int findingCount, String error) {
    }

    /** A finding identity with its state and the text one run saw ({@code scanId}). */
    public record FindingRow(long id, long scanId, String kind, String target, String host, String checkId, String itemKey,
            String state, String reason, Long fixedByChangeSet, Long fixedInScan, Instant firstSeen, Instant updatedAt,
            double severity, String title, String evidence, String why, String fix) {
    }

    /** One run's history point: when, which kind, the index, and how many of its findings are not accepted or false positives. */
    public record HistoryRow(long scanId, String kind, String target, Instant startedAt, Integer index, int openCount) {
    }

    /** Runs {@code work} in one transaction (a run and its findings are stored together or not at all). */
    public <T> T inTransaction(java.util.function.Supplier<T> work) {
        return sql.inTransaction(work::get);
    }

    public long insertRun(String kind, String target, String host, Instant startedAt, long elapsedMs, Integer index,
            int findingCount, String error, String who) {
        return sql.insert("INSERT INTO scan_runs(kind, target, host, started_at, elapsed_ms, hardening_index, finding_count, "
                + "error, who) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", kind, target, host, startedAt, elapsedMs, index,
                findingCount, error, who);
    }

    public Optional<RunRow> run(long id) {
        return sql.queryOne("SELECT * FROM scan_runs WHERE id = ?", ScanRepository::mapRun, id);
    }

    /** Runs, newest first; of one target or host when {@code targetOrHost} is not null. */
    public List<RunRow> runs(String targetOrHost, int limit) {
        return targetOrHost == null
                ? sql.query("SELECT * FROM scan_runs ORDER BY id DESC LIMIT ?", ScanRepository::mapRun, limit)
                : sql.query("SELECT * FROM scan_runs WHERE target = ? OR host = ? ORDER BY id DESC LIMIT ?",
                        ScanRepository::mapRun, targetOrHost, targetOrHost, limit);
    }

    /** Every finding ever seen for one (kind, target), whatever its state, with its newest text. */
    public List<FindingRow> findingsOf(String kind, String target) {
        return sql.query(LATEST + "WHERE f.kind = ? AND f.target = ? ORDER BY f.id", ScanRepository::mapFinding, kind, target);
    }

    public long insertFinding(String kind, String target, String host, String checkId, String itemKey, String state,
            long scanId, Instant now) {
        return sql.insert("INSERT INTO scan_findings(kind, target, host, check_id, item_key, state, last_scan_id, first_seen, "
                + "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", kind, target, host, checkId, itemKey, state, scanId, now, now);
    }

    /** Records what run {@code scanId} saw of a finding. */
    public void insertSighting(long scanId, long findingId, double severity, String title, String evidence, String why,
            String fix) {
        sql.update("INSERT INTO scan_sightings(scan_id, finding_id, severity, title, evidence, why, fix) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)", scanId, findingId, severity, title, evidence, why, fix);
    }

    /** The finding was reported again by {@code scanId}; a fixed one reopens (its fix records are cleared). */
    public void seenAgain(long findingId, long scanId, boolean reopen, Instant now) {
        if (reopen) {
            sql.update("UPDATE scan_findings SET last_scan_id = ?, state = 'open', reason = NULL, fixed_by_change_set = NULL, "
                    + "fixed_in_scan = NULL, updated_at = ? WHERE id = ?", scanId, now, findingId);
        } else {
            sql.update("UPDATE scan_findings SET last_scan_id = ? WHERE id = ?", scanId, findingId);
        }
    }

    /** An open finding that run {@code scanId} no longer reported. */
    public void markFixed(long findingId, long scanId, Instant now) {
        sql.update("UPDATE scan_findings SET state = 'fixed', fixed_in_scan = ?, updated_at = ? WHERE id = ? AND state = 'open'",
                scanId, now, findingId);
    }

    /** Back to open: the reason and the fix records cleared. */
    public void reopen(long findingId, Instant now) {
        sql.update("UPDATE scan_findings SET state = 'open', reason = NULL, fixed_by_change_set = NULL, fixed_in_scan = NULL, "
                + "updated_at = ? WHERE id = ?", now, findingId);
    }

    /** The change set that fixed a finding (set by a rescan after that change). */
    public void setFixedByChangeSet(long findingId, Long changeSetId) {
        sql.update("UPDATE scan_findings SET fixed_by_change_set = ? WHERE id = ?", changeSetId, findingId);
    }

    public void setState(long findingId, String state, String reason, Instant now) {
        sql.update("UPDATE scan_findings SET state = ?, reason = ?, updated_at = ? WHERE id = ?", state, reason, now, findingId);
    }

    /** The findings run {@code scanId} reported, with the text it saw and their current state; worst first. */
    public List<FindingRow> findingsOfScan(long scanId) {
        return sql.query("SELECT " + FINDING_COLUMNS + " FROM scan_sightings s JOIN scan_findings f ON f.id = s.finding_id "
                + "WHERE s.scan_id = ? ORDER BY s.severity DESC, f.check_id, f.id", ScanRepository::mapFinding, scanId);
    }

    /** Findings with their newest text; of one host when not null; only open ones when asked. Worst first. */
    public List<FindingRow> findings(String hostOrNull, boolean openOnly) {
        String where = "WHERE 1 = 1" + (hostOrNull == null ? "" : " AND f.host = ?") + (openOnly ? " AND f.state = 'open'" : "");
        Object[] params = hostOrNull == null ? new Object[0] : new Object[] {hostOrNull};
        return sql.query(LATEST + where + " ORDER BY f.host, s.severity DESC, f.check_id, f.id", ScanRepository::mapFinding,
                params);
    }

    public Optional<FindingRow> finding(long id) {
        return sql.queryOne(LATEST + "WHERE f.id = ?", ScanRepository::mapFinding, id);
    }

    /** Per run of the host, oldest first: its time, index and the findings it saw that are not accepted or false positives. */
    public List<HistoryRow> history(String host) {
        return sql.query("SELECT r.id, r.kind, r.target, r.started_at, r.hardening_index, "
                        + "(SELECT COUNT(*) FROM scan_sightings s JOIN scan_findings f ON f.id = s.finding_id "
                        + " WHERE s.scan_id = r.id AND f.state NOT IN ('accepted', 'false_positive')) AS open_count "
                        + "FROM scan_runs r WHERE r.host = ? AND r.error IS NULL ORDER BY r.started_at, r.id",
                rs -> new HistoryRow(rs.getLong("id"), rs.getString("kind"), rs.getString("target"),
                        Sql.instant(rs, "started_at"), Sql.nullableInt(rs, "hardening_index"), rs.getInt("open_count")), host);
    }

    /** Host → the worst severity among its open findings (as their newest run saw them). */
    public java.util.Map<String, Double> worstOpenSeverity() {
        java.util.Map<String, Double> out = new java.util.LinkedHashMap<>();
        sql.query("SELECT f.host, MAX(s.severity) FROM scan_findings f JOIN scan_sightings s "
                + "ON s.finding_id = f.id AND s.scan_id = f.last_scan_id WHERE f.state = 'open' GROUP BY f.host ORDER BY f.host",
                rs -> out.put(rs.getString(1), rs.getDouble(2)));
        return out;
    }

    private static RunRow mapRun(ResultSet rs) throws SQLException {
        return new RunRow(rs.getLong("id"), rs.getString("kind"), rs.getString("target"), rs.getString("host"),
                Sql.instant(rs, "started_at"), rs.getLong("elapsed_ms"), Sql.nullableInt(rs, "hardening_index"),
                rs.getInt("finding_count"), rs.getString("error"));
    }

    private static FindingRow mapFinding(ResultSet rs) throws SQLException {
        return new FindingRow(rs.getLong("id"), rs.getLong("scan_id"), rs.getString("kind"), rs.getString("target"),
                rs.getString("host"), rs.getString("check_id"), rs.getString("item_key"), rs.getString("state"),
                rs.getString("reason"), Sql.nullableLong(rs, "fixed_by_change_set"), Sql.nullableLong(rs, "fixed_in_scan"),
                Sql.instant(rs, "first_seen"), Sql.instant(rs, "updated_at"), rs.getDouble("severity"), rs.getString("title"),
                rs.getString("evidence"), rs.getString("why"), rs.getString("fix"));
    }
}
