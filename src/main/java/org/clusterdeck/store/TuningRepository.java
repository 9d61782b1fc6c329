package org.clusterdeck.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.clusterdeck.model.SysctlChange;
import org.clusterdeck.model.TuningChangeSet;

/** Kernel tuning change sets with their before-values, for rollback and history. */
public final class TuningRepository {
    private final Sql sql;

    public TuningRepository(Sql sql) {
        this.sql = sql;
    }

    /** Stores a change set and its changes (state "pending") in one transaction; returns its id. */
    public long create(String hostName, String source, String filePath, String fileBefore, String fileAfter,
                       List<SysctlChange> changes, Long jobId) {
        return sql.inTransaction(() -> {
            long id = sql.insert("INSERT INTO tuning_change_sets(host_name, source, state, file_path, file_existed, "
                            + "file_before, file_after, job_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    hostName, source, TuningChangeSet.APPLYING, filePath, fileBefore != null, fileBefore, fileAfter, jobId);
            List<Object[]> rows = new ArrayList<>();
            for (SysctlChange c : changes) {
                rows.add(new Object[] {id, c.key(), c.before(), c.after(), c.state()});
            }
            if (!rows.isEmpty()) {
                sql.batch("INSERT INTO tuning_changes(change_set_id, sysctl_key, before_value, after_value, state) "
                        + "VALUES (?, ?, ?, ?, ?)", rows);
            }
            return id;
        });
    }

    public void finish(long id, String state, String message) {
        sql.update("UPDATE tuning_change_sets SET state = ?, message = ?, finished_at = ? WHERE id = ?",
                state, message, Instant.now(), id);
    }

    public void markChanges(long id, List<String> keys, String state) {
        List<Object[]> rows = new ArrayList<>();
        for (String k : keys) {
            rows.add(new Object[] {state, id, k});
        }
        if (!rows.isEmpty()) {
            sql.batch("UPDATE tuning_changes SET state = ? WHERE change_set_id = ? AND sysctl_key = ?", rows);
        }
    }

    /** The newest change set of the host that may still be on it (what a rollback undoes). */
    public Optional<TuningChangeSet> latestUndoable(String hostName) {
        return sql.queryOne("SELECT * FROM tuning_change_sets WHERE host_name = ? AND state IN (?, ?, ?) "
                        + "ORDER BY id DESC LIMIT 1", this::map, hostName,
                TuningChangeSet.APPLIED, TuningChangeSet.INCOMPLETE, TuningChangeSet.APPLYING);
    }

    public Optional<TuningChangeSet> findById(long id) {
        return sql.queryOne("SELECT * FROM tuning_change_sets WHERE id = ?", this::map, id);
    }

    /** The host's change sets, newest first. */
    public List<TuningChangeSet> history(String hostName, int limit) {
        return sql.query("SELECT * FROM tuning_change_sets WHERE host_name = ? ORDER BY id DESC LIMIT ?", this::map,
                hostName, limit);
    }

    private TuningChangeSet map(ResultSet rs) throws SQLException {
        long id = rs.getLong("id");
        List<SysctlChange> changes = sql.query("SELECT * FROM tuning_changes WHERE change_set_id = ? ORDER BY id",
                r -> new SysctlChange(r.getString("sysctl_key"), r.getString("before_value"), r.getString("after_value"),
                        r.getString("state")), id);
        return new TuningChangeSet(id, rs.getString("host_name"), rs.getString("source"), rs.getString("state"),
                rs.getString("file_path"), rs.getBoolean("file_existed"), rs.getString("file_before"),
                rs.getString("file_after"), rs.getString("message"), Sql.nullableLong(rs, "job_id"),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "finished_at"), changes);
    }
}
