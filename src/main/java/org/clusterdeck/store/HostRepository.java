package org.clusterdeck.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.clusterdeck.model.Host;

/** Hosts, unique by name. */
public final class HostRepository {
    private static final String COLUMNS = "site_id, name, address, ssh_port, ssh_user, ssh_key_path, "
            + "libvirt_uri, role, notes, cpu_model, cpu_cores, memory_mib, disk_gib";

    private final Sql sql;

    HostRepository(Sql sql) {
        this.sql = sql;
    }

    public List<Host> findAll() {
        return sql.query("SELECT * FROM hosts ORDER BY site_id, name", HostRepository::map);
    }

    public List<Host> findBySite(long siteId) {
        return sql.query("SELECT * FROM hosts WHERE site_id = ? ORDER BY name", HostRepository::map, siteId);
    }

    public Optional<Host> findByName(String name) {
        return sql.queryOne("SELECT * FROM hosts WHERE name = ?", HostRepository::map, name);
    }

    public Optional<Host> findById(long id) {
        return sql.queryOne("SELECT * FROM hosts WHERE id = ?", HostRepository::map, id);
    }

    /** Stores a new host; throws {@link DuplicateException} when the name is taken. */
    public Host insert(Host h) {
        long id = sql.insert("INSERT INTO hosts(" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                h.siteId(), h.name(), h.address(), h.sshPort(), h.sshUser(), h.sshKeyPath(), h.libvirtUri(),
                h.role(), h.notes(), h.cpuModel(), h.cpuCores(), h.memoryMib(), h.diskGib());
        return h.withId(id);
    }

    public void update(Host h) {
        int n = sql.update("UPDATE hosts SET site_id = ?, name = ?, address = ?, ssh_port = ?, ssh_user = ?, "
                        + "ssh_key_path = ?, libvirt_uri = ?, role = ?, notes = ?, cpu_model = ?, cpu_cores = ?, "
                        + "memory_mib = ?, disk_gib = ?, updated_at = CURRENT_TIMESTAMP WHERE id = ?",
                h.siteId(), h.name(), h.address(), h.sshPort(), h.sshUser(), h.sshKeyPath(), h.libvirtUri(),
                h.role(), h.notes(), h.cpuModel(), h.cpuCores(), h.memoryMib(), h.diskGib(), h.id());
        if (n == 0) {
            throw new StoreException("Host #" + h.id() + " no longer exists; it may have been removed elsewhere.");
        }
    }

    /** Removes the host and, with it, its VMs. Returns whether a row was removed. */
    public boolean delete(long id) {
        return sql.update("DELETE FROM hosts WHERE id = ?", id) > 0;
    }

    public long count() {
        return sql.count("SELECT COUNT(*) FROM hosts");
    }

    static Host map(ResultSet rs) throws SQLException {
        return new Host(rs.getLong("id"), rs.getLong("site_id"), rs.getString("name"), rs.getString("address"),
                rs.getInt("ssh_port"), rs.getString("ssh_user"), rs.getString("ssh_key_path"),
                rs.getString("libvirt_uri"), rs.getString("role"), rs.getString("notes"),
                rs.getString("cpu_model"), Sql.nullableInt(rs, "cpu_cores"), Sql.nullableLong(rs, "memory_mib"),
                Sql.nullableLong(rs, "disk_gib"));
    }
}
