package org.clusterdeck.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.clusterdeck.model.Vm;
import org.clusterdeck.model.VmState;

/** Virtual machines, unique by name within their host. */
public final class VmRepository {
    private final Sql sql;

    VmRepository(Sql sql) {
        this.sql = sql;
    }

    public List<Vm> findAll() {
        return sql.query("SELECT * FROM vms ORDER BY host_id, name", VmRepository::map);
    }

    public List<Vm> findByHost(long hostId) {
        return sql.query("SELECT * FROM vms WHERE host_id = ? ORDER BY name", VmRepository::map, hostId);
    }

    public Optional<Vm> findById(long id) {
        return sql.queryOne("SELECT * FROM vms WHERE id = ?", VmRepository::map, id);
    }

    public Optional<Vm> findByHostAndName(long hostId, String name) {
        return sql.queryOne("SELECT * FROM vms WHERE host_id = ? AND name = ?", VmRepository::map, hostId, name);
    }

    /** VMs of that name on any host (names are unique per host only). */
    public List<Vm> findByName(String name) {
        return sql.query("SELECT * FROM vms WHERE name = ? ORDER BY host_id", VmRepository::map, name);
    }

    public Vm insert(Vm v) {
        long id = sql.insert("INSERT INTO vms(host_id, name, uuid, state, vcpus, memory_mib, disk_gib, role, "
                        + "address, autostart, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                v.hostId(), v.name(), v.uuid(), v.state().dbValue(), v.vcpus(), v.memoryMib(), v.diskGib(),
                v.role(), v.address(), v.autostart(), v.notes());
        return v.withId(id);
    }

    public void update(Vm v) {
        sql.update("UPDATE vms SET host_id = ?, name = ?, uuid = ?, state = ?, vcpus = ?, memory_mib = ?, "
                        + "disk_gib = ?, role = ?, address = ?, autostart = ?, notes = ?, "
                        + "updated_at = CURRENT_TIMESTAMP WHERE id = ?",
                v.hostId(), v.name(), v.uuid(), v.state().dbValue(), v.vcpus(), v.memoryMib(), v.diskGib(),
                v.role(), v.address(), v.autostart(), v.notes(), v.id());
    }

    public void updateState(long id, VmState state) {
        sql.update("UPDATE vms SET state = ?, updated_at = CURRENT_TIMESTAMP WHERE id = ?", state.dbValue(), id);
    }

    public boolean delete(long id) {
        return sql.update("DELETE FROM vms WHERE id = ?", id) > 0;
    }

    public long count() {
        return sql.count("SELECT COUNT(*) FROM vms");
    }

    static Vm map(ResultSet rs) throws SQLException {
        return new Vm(rs.getLong("id"), rs.getLong("host_id"), rs.getString("name"), rs.getString("uuid"),
                VmState.fromDb(rs.getString("state")), rs.getInt("vcpus"), rs.getLong("memory_mib"),
                rs.getLong("disk_gib"), rs.getString("role"), rs.getString("address"), rs.getBoolean("autostart"),
                rs.getString("notes"));
    }
}
