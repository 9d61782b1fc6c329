package org.clusterdeck.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.clusterdeck.model.ChangeSet;
import org.clusterdeck.model.ChangeStep;
import org.clusterdeck.model.StepKind;

/** Change sets of every feature with their steps' exact before/after values: history, rollback, export. */
public final class ChangeRepository {
    private final Sql sql;

    public ChangeRepository(Sql sql) {
        this.sql = sql;
    }

    /** Stores a change set (state "applying") and its steps in one transaction; returns its id. */
    public long create(String hostName, String feature, String title, String who, Long jobId, List<ChangeStep> steps) {
        return sql.inTransaction(() -> {
            long id = sql.insert("INSERT INTO change_sets(host_name, feature, title, who, state, job_id) VALUES (?, ?, ?, ?, ?, ?)",
                    hostName, feature, title, who, ChangeSet.APPLYING, jobId);
            insertSteps(id, steps);
            return id;
        });
    }

    private void insertSteps(long id, List<ChangeStep> steps) {
        List<Object[]> rows = new ArrayList<>();
        for (ChangeStep s : steps) {
            rows.add(new Object[] {id, s.seq(), s.kind().name(), s.target(), s.existedBefore(), s.before(), s.after(), s.state()});
        }
        if (!rows.isEmpty()) {
            sql.batch("INSERT INTO change_steps(change_set_id, seq, kind, target, existed_before, before_value, after_value, state) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows);
        }
    }

    /** Adds a step to a set being applied (a feature that learns a before-value only under the host lock). */
    public void addStep(long id, ChangeStep step) {
        insertSteps(id, List.of(step));
    }

    public void finish(long id, String state, String message) {
        sql.update("UPDATE change_sets SET state = ?, message = ?, finished_at = ? WHERE id = ?", state, message, Instant.now(), id);
    }

    /**
     * Updates the message of a set still being applied (what is armed on the host, for example),
     * flushed to disk at once: it is what a later look needs when this process is killed next.
     */
    public void note(long id, String message) {
        sql.update("UPDATE change_sets SET message = ? WHERE id = ?", message, id);
        sql.update("CHECKPOINT");
    }

    /** Records the after-value as the host reads it back (an nftables table is listed in its own layout). */
    public void setAfter(long id, int seq, String after) {
        sql.update("UPDATE change_steps SET after_value = ? WHERE change_set_id = ? AND seq = ?", after, id, seq);
    }

    public void markStep(long id, int seq, String state) {
        sql.update("UPDATE change_steps SET state = ? WHERE change_set_id = ? AND seq = ?", state, id, seq);
    }

    /** Marks the steps of one kind whose targets are given (tuning marks keys by name). */
    public void markTargets(long id, StepKind kind, List<String> targets, String state) {
        List<Object[]> rows = new ArrayList<>();
        for (String t : targets) {
            rows.add(new Object[] {state, id, kind.name(), t});
        }
        if (!rows.isEmpty()) {
            sql.batch("UPDATE change_steps SET state = ? WHERE change_set_id = ? AND kind = ? AND target = ?", rows);
        }
    }

    public Optional<ChangeSet> findById(long id) {
        return sql.queryOne("SELECT * FROM change_sets WHERE id = ?", this::map, id);
    }

    /** Change sets, newest first; of one host when {@code hostName} is not null. */
    public List<ChangeSet> list(String hostName, int limit) {
        return hostName == null
                ? sql.query("SELECT * FROM change_sets ORDER BY id DESC LIMIT ?", this::map, limit)
                : sql.query("SELECT * FROM change_sets WHERE host_name = ? ORDER BY id DESC LIMIT ?", this::map, hostName, limit);
    }

    /** The host's change sets of one feature, newest first. */
    public List<ChangeSet> list(String hostName, String feature, int limit) {
        return sql.query("SELECT * FROM change_sets WHERE host_name = ? AND feature = ? ORDER BY id DESC LIMIT ?", this::map,
                hostName, feature, limit);
    }

    /** The newest change set of the host and feature that may still be on the host. */
    public Optional<ChangeSet> latestUndoable(String hostName, String feature) {
        return sql.queryOne("SELECT * FROM change_sets WHERE host_name = ? AND feature = ? AND state IN (?, ?, ?) "
                        + "ORDER BY id DESC LIMIT 1", this::map, hostName, feature,
                ChangeSet.APPLIED, ChangeSet.INCOMPLETE, ChangeSet.APPLYING);
    }

    /**
     * Later change sets on the same host, still on it, that touched one of the same targets: rolling
     * back {@code id} would undo part of them too.
     */
    public List<ChangeSet> laterOnSameTargets(long id) {
        return sql.query("SELECT DISTINCT c.* FROM change_sets c JOIN change_steps s ON s.change_set_id = c.id "
                        + "JOIN change_sets o ON o.id = ? AND o.host_name = c.host_name "
                        + "JOIN change_steps os ON os.change_set_id = o.id AND os.kind = s.kind AND os.target = s.target "
                        + "WHERE c.id > o.id AND c.state IN (?, ?, ?) ORDER BY c.id", this::map, id,
                ChangeSet.APPLIED, ChangeSet.INCOMPLETE, ChangeSet.APPLYING);
    }

    private ChangeSet map(ResultSet rs) throws SQLException {
        long id = rs.getLong("id");
        List<ChangeStep> steps = sql.query("SELECT * FROM change_steps WHERE change_set_id = ? ORDER BY seq",
                r -> new ChangeStep(r.getInt("seq"), StepKind.valueOf(r.getString("kind")), r.getString("target"),
                        r.getBoolean("existed_before"), r.getString("before_value"), r.getString("after_value"),
                        r.getString("state")), id);
        return new ChangeSet(id, rs.getString("host_name"), rs.getString("feature"), rs.getString("title"), rs.getString("who"),
                rs.getString("state"), rs.getString("message"), Sql.nullableLong(rs, "job_id"), Sql.instant(rs, "created_at"),
                Sql.instant(rs, "finished_at"), steps);
    }
}
