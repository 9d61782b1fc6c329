package org.clusterdeck.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.clusterdeck.model.JobLogLine;
import org.clusterdeck.model.JobRecord;
import org.clusterdeck.model.JobState;

/** Jobs and their log lines. */
public final class JobRepository {
    private static final int MAX_LINE = 8000;
    private final Sql sql;

    JobRepository(Sql sql) {
        this.sql = sql;
    }

    public long create(String name, String target) {
        return sql.insert("INSERT INTO jobs(name, target, state) VALUES (?, ?, ?)", name, target,
                JobState.QUEUED.dbValue());
    }

    public void markRunning(long id) {
        sql.update("UPDATE jobs SET state = ?, started_at = ? WHERE id = ?", JobState.RUNNING.dbValue(),
                Instant.now(), id);
    }

    public void updateProgress(long id, double progress, String message) {
        sql.update("UPDATE jobs SET progress = ?, message = ? WHERE id = ?", progress, clip(message, 1000), id);
    }

    public void finish(long id, JobState state, String error) {
        sql.update("UPDATE jobs SET state = ?, error = ?, finished_at = ?, progress = CASE WHEN ? THEN 1 ELSE progress END "
                        + "WHERE id = ?",
                state.dbValue(), clip(error, 4000), Instant.now(), state == JobState.SUCCEEDED, id);
    }

    public void log(long id, String level, String line) {
        sql.update("INSERT INTO job_log(job_id, level, line) VALUES (?, ?, ?)", id, level, clip(line, MAX_LINE));
    }

    public Optional<JobRecord> findById(long id) {
        return sql.queryOne("SELECT * FROM jobs WHERE id = ?", JobRepository::map, id);
    }

    /** The newest jobs first. */
    public List<JobRecord> findRecent(int limit) {
        return sql.query("SELECT * FROM jobs ORDER BY id DESC LIMIT ?", JobRepository::map, limit);
    }

    public List<JobLogLine> log(long id) {
        return sql.query("SELECT * FROM job_log WHERE job_id = ? ORDER BY id", rs -> new JobLogLine(
                rs.getLong("job_id"), Sql.instant(rs, "ts"), rs.getString("level"), rs.getString("line")), id);
    }

    /** Jobs left running by a process that died are marked failed at the next start. */
    public int failOrphans(String reason) {
        return sql.update("UPDATE jobs SET state = ?, error = ?, finished_at = ? WHERE state IN (?, ?)",
                JobState.FAILED.dbValue(), reason, Instant.now(), JobState.QUEUED.dbValue(), JobState.RUNNING.dbValue());
    }

    public long count() {
        return sql.count("SELECT COUNT(*) FROM jobs");
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static JobRecord map(ResultSet rs) throws SQLException {
        return new JobRecord(rs.getLong("id"), rs.getString("name"), rs.getString("target"),
                JobState.fromDb(rs.getString("state")), rs.getDouble("progress"), rs.getString("message"),
                rs.getString("error"), Sql.instant(rs, "created_at"), Sql.instant(rs, "started_at"),
                Sql.instant(rs, "finished_at"));
    }
}
