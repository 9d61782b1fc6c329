package org.clusterdeck.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.clusterdeck.model.AuditEvent;

/** The audit trail: every change ClusterDeck makes, with before and after values. */
public final class AuditRepository {
    private final Sql sql;

    AuditRepository(Sql sql) {
        this.sql = sql;
    }

    public long record(String actor, String action, String targetKind, String targetName, String before,
                       String after, Long jobId) {
        return sql.insert("INSERT INTO audit_events(actor, action, target_kind, target_name, before_value, "
                        + "after_value, job_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
                actor, action, targetKind, targetName, before, after, jobId);
    }

    public List<AuditEvent> findRecent(int limit) {
        return sql.query("SELECT * FROM audit_events ORDER BY id DESC LIMIT ?", AuditRepository::map, limit);
    }

    public List<AuditEvent> findByTarget(String targetKind, String targetName) {
        return sql.query("SELECT * FROM audit_events WHERE target_kind = ? AND target_name = ? ORDER BY id",
                AuditRepository::map, targetKind, targetName);
    }

    public long count() {
        return sql.count("SELECT COUNT(*) FROM audit_events");
    }

    private static AuditEvent map(ResultSet rs) throws SQLException {
        return new AuditEvent(rs.getLong("id"), Sql.instant(rs, "ts"), rs.getString("actor"), rs.getString("action"),
                rs.getString("target_kind"), rs.getString("target_name"), rs.getString("before_value"),
                rs.getString("after_value"), Sql.nullableLong(rs, "job_id"));
    }
}
