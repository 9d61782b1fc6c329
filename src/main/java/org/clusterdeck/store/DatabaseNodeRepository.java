package org.clusterdeck.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.clusterdeck.model.DatabaseNode;

/** Database servers and their replication sources. */
public final class DatabaseNodeRepository {
    private final Sql sql;

    DatabaseNodeRepository(Sql sql) {
        this.sql = sql;
    }

    public List<DatabaseNode> findAll() {
        return sql.query("SELECT * FROM databases ORDER BY site_id, id", DatabaseNodeRepository::map);
    }

    public List<DatabaseNode> findBySite(long siteId) {
        return sql.query("SELECT * FROM databases WHERE site_id = ? ORDER BY id", DatabaseNodeRepository::map, siteId);
    }

    public Optional<DatabaseNode> findByName(String name) {
        return sql.queryOne("SELECT * FROM databases WHERE name = ?", DatabaseNodeRepository::map, name);
    }

    public DatabaseNode insert(DatabaseNode d) {
        long id = sql.insert("INSERT INTO databases(site_id, name, engine, version, role, vm_id, port, "
                        + "replication_source_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                d.siteId(), d.name(), d.engine(), d.version(), d.role(), d.vmId(), d.port(), d.replicationSourceId());
        return new DatabaseNode(id, d.siteId(), d.name(), d.engine(), d.version(), d.role(), d.vmId(), d.port(),
                d.replicationSourceId());
    }

    public boolean delete(long id) {
        return sql.update("DELETE FROM databases WHERE id = ?", id) > 0;
    }

    public long count() {
        return sql.count("SELECT COUNT(*) FROM databases");
    }

    private static DatabaseNode map(ResultSet rs) throws SQLException {
        return new DatabaseNode(rs.getLong("id"), rs.getLong("site_id"), rs.getString("name"),
                rs.getString("engine"), rs.getString("version"), rs.getString("role"), Sql.nullableLong(rs, "vm_id"),
                rs.getInt("port"), Sql.nullableLong(rs, "replication_source_id"));
    }
}
