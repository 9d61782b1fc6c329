package org.clusterdeck.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Snapshot XML of demo-lab VMs, which libvirt's test driver forgets when the process ends. Each
 * VM's snapshots are stored as one ordered set: parents before children, as they must be redefined.
 */
public final class SnapshotRepository {
    private final Sql sql;

    public SnapshotRepository(Sql sql) {
        this.sql = sql;
    }

    /** One snapshot as libvirt describes it ({@code <domainsnapshot>}), and whether it is the current one. */
    public record StoredSnapshot(String name, String xml, boolean current) {
    }

    /** Replaces the VM's stored snapshots with {@code snapshots}, kept in the given order. */
    public void replace(long vmId, List<StoredSnapshot> snapshots) {
        sql.inTransaction(() -> {
            sql.update("DELETE FROM vm_snapshots WHERE vm_id = ?", vmId);
            List<Object[]> rows = new ArrayList<>();
            int seq = 0;
            for (StoredSnapshot s : snapshots) {
                rows.add(new Object[]{vmId, seq++, s.name(), s.xml(), s.current()});
            }
            if (!rows.isEmpty()) {
                sql.batch("INSERT INTO vm_snapshots(vm_id, seq, name, xml, is_current) VALUES (?, ?, ?, ?, ?)", rows);
            }
            return null;
        });
    }

    public List<StoredSnapshot> byVm(long vmId) {
        return sql.query("SELECT name, xml, is_current FROM vm_snapshots WHERE vm_id = ? ORDER BY seq",
                rs -> new StoredSnapshot(rs.getString(1), rs.getString(2), rs.getBoolean(3)), vmId);
    }

    /** The stored snapshots of every VM of a host, by VM name, each list in its stored order. */
    public Map<String, List<StoredSnapshot>> byHost(long hostId) {
        Map<String, List<StoredSnapshot>> out = new LinkedHashMap<>();
        sql.query("SELECT v.name AS vm, s.name, s.xml, s.is_current FROM vm_snapshots s JOIN vms v ON v.id = s.vm_id "
                        + "WHERE v.host_id = ? ORDER BY v.name, s.seq",
                rs -> out.computeIfAbsent(rs.getString("vm"), k -> new ArrayList<>()).add(new StoredSnapshot(
                        rs.getString("name"), rs.getString("xml"), rs.getBoolean("is_current"))), hostId);
        return out;
    }

    public void clear(long vmId) {
        sql.update("DELETE FROM vm_snapshots WHERE vm_id = ?", vmId);
    }
}
