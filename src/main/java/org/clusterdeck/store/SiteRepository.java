package org.clusterdeck.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.clusterdeck.model.Site;
import org.clusterdeck.model.SiteKind;

/** Sites: the demo lab, the local lab and real sites. */
public final class SiteRepository {
    private final Sql sql;

    SiteRepository(Sql sql) {
        this.sql = sql;
    }

    public List<Site> findAll() {
        return sql.query("SELECT * FROM sites ORDER BY id", SiteRepository::map);
    }

    public Optional<Site> findByName(String name) {
        return sql.queryOne("SELECT * FROM sites WHERE name = ?", SiteRepository::map, name);
    }

    public Optional<Site> findById(long id) {
        return sql.queryOne("SELECT * FROM sites WHERE id = ?", SiteRepository::map, id);
    }

    public Site insert(String name, SiteKind kind, String description) {
        long id = sql.insert("INSERT INTO sites(name, kind, description) VALUES (?, ?, ?)",
                name, kind.dbValue(), description);
        return new Site(id, name, kind, description);
    }

    /** The site of that name, created as a real site when missing. */
    public Site findOrCreate(String name) {
        return findByName(name).orElseGet(() -> insert(name, SiteKind.REAL, null));
    }

    public void delete(long id) {
        sql.update("DELETE FROM sites WHERE id = ?", id);
    }

    public long count() {
        return sql.count("SELECT COUNT(*) FROM sites");
    }

    private static Site map(ResultSet rs) throws SQLException {
        return new Site(rs.getLong("id"), rs.getString("name"), SiteKind.fromDb(rs.getString("kind")),
                rs.getString("description"));
    }
}
