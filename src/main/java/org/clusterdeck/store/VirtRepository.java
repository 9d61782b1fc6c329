package org.clusterdeck.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.clusterdeck.model.DiskDetails;
import org.clusterdeck.model.DomainRecord;
import org.clusterdeck.model.HostVirtInfo;
import org.clusterdeck.model.NetworkDetails;
import org.clusterdeck.model.NicDetails;
import org.clusterdeck.model.PoolDetails;
import org.clusterdeck.model.SyncChange;
import org.clusterdeck.model.Vm;
import org.clusterdeck.model.VmState;
import org.clusterdeck.model.VolumeDetails;

/**
 * What libvirt syncs store: domain XML, disks, NICs, networks, pools and volumes of each host.
 * {@link #applySync} writes a whole host in one transaction with batched statements, touching only
 * the domains that changed.
 */
public final class VirtRepository {
    private final Sql sql;

    public VirtRepository(Sql sql) {
        this.sql = sql;
    }

    /** Hardware as read from the host by a sync. */
    public record NodeFacts(String cpuModel, int cpus, long memoryMib, Long freeMemoryMib, int mhz, String driver) {
    }

    private record Existing(long id, String uuid, VmState state, int vcpus, long memoryMib, boolean autostart,
                            Integer xmlHash) {
    }

    /**
     * Makes the inventory of {@code hostId} match what the hypervisor reported, records each
     * difference in the audit trail and returns them. Role, address and notes of known VMs are kept.
     */
    public List<SyncChange> applySync(long hostId, String hostName, NodeFacts node, List<DomainRecord> domains,
                                      List<NetworkDetails> networks, List<PoolDetails> pools, String actor,
                                      Long jobId) {
        return sql.inTransaction(() -> {
            sql.update("UPDATE hosts SET cpu_model = ?, cpu_cores = ?, memory_mib = ?, free_memory_mib = ?, "
                            + "cpu_mhz = ?, hypervisor_driver = ?, synced_at = ?, sync_error = NULL, "
                            + "updated_at = CURRENT_TIMESTAMP WHERE id = ?",
                    node.cpuModel(), node.cpus(), node.memoryMib(), node.freeMemoryMib(), node.mhz(), node.driver(),
                    Instant.now(), hostId);
            Map<String, Existing> existing = new HashMap<>();
            sql.query("SELECT id, name, uuid, state, vcpus, memory_mib, autostart, xml_hash FROM vms WHERE host_id = ?",
                    rs -> existing.put(rs.getString("name"), new Existing(rs.getLong("id"), rs.getString("uuid"),
                            VmState.fromDb(rs.getString("state")), rs.getInt("vcpus"), rs.getLong("memory_mib"),
                            rs.getBoolean("autostart"), Sql.nullableInt(rs, "xml_hash"))), hostId);
            List<SyncChange> changes = new ArrayList<>();
            List<Object[]> inserts = new ArrayList<>();
            List<Object[]> updates = new ArrayList<>();
            List<Long> rewriteDevices = new ArrayList<>();
            List<DomainRecord> newOnes = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (DomainRecord d : domains) {
                Vm v = d.vm();
                seen.add(v.name());
                int hash = d.xml() == null ? 0 : d.xml().hashCode();
                Existing e = existing.get(v.name());
                if (e == null) {
                    inserts.add(new Object[]{hostId, v.name(), v.uuid(), v.state().dbValue(), v.vcpus(), v.memoryMib(),
                            v.diskGib(), v.role(), v.address(), v.autostart(), d.xml(), hash});
                    newOnes.add(d);
                    changes.add(new SyncChange("vm.appeared", v.name(), null, summary(v)));
                    continue;
                }
                boolean xmlChanged = e.xmlHash() == null || e.xmlHash() != hash;
                if (!xmlChanged && e.state() == v.state() && e.autostart() == v.autostart()) {
                    continue;
                }
                if (e.state() != v.state()) {
                    changes.add(new SyncChange("vm.state", v.name(), e.state().dbValue(), v.state().dbValue()));
                }
                if (e.vcpus() != v.vcpus() || e.memoryMib() != v.memoryMib() || e.autostart() != v.autostart()) {
                    changes.add(new SyncChange("vm.changed", v.name(),
                            e.vcpus() + " vCPU, " + e.memoryMib() + " MiB, autostart " + e.autostart(),
                            v.vcpus() + " vCPU, " + v.memoryMib() + " MiB, autostart " + v.autostart()));
                }
                updates.add(new Object[]{v.uuid(), v.state().dbValue(), v.vcpus(), v.memoryMib(), v.diskGib(),
                        v.autostart(), d.xml(), hash, e.id()});
                if (xmlChanged) {
                    rewriteDevices.add(e.id());
                    newOnes.add(d);
                }
            }
            List<Object[]> deletes = new ArrayList<>();
            existing.forEach((name, e) -> {
                if (!seen.contains(name)) {
                    deletes.add(new Object[]{e.id()});
                    changes.add(new SyncChange("vm.vanished", name, e.state().dbValue() + ", " + e.vcpus() + " vCPU, "
                            + e.memoryMib() + " MiB", null));
                }
            });
            if (!deletes.isEmpty()) {
                sql.batch("DELETE FROM vms WHERE id = ?", deletes);
            }
            if (!inserts.isEmpty()) {
                sql.batch("INSERT INTO vms(host_id, name, uuid, state, vcpus, memory_mib, disk_gib, role, address, "
                        + "autostart, domain_xml, xml_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", inserts);
            }
            if (!updates.isEmpty()) {
                sql.batch("UPDATE vms SET uuid = ?, state = ?, vcpus = ?, memory_mib = ?, disk_gib = ?, autostart = ?, "
                        + "domain_xml = ?, xml_hash = ?, updated_at = CURRENT_TIMESTAMP WHERE id = ?", updates);
            }
            if (!rewriteDevices.isEmpty()) {
                List<Object[]> ids = rewriteDevices.stream().map(id -> new Object[]{id}).toList();
                sql.batch("DELETE FROM vm_disks WHERE vm_id = ?", ids);
                sql.batch("DELETE FROM vm_nics WHERE vm_id = ?", ids);
            }
            if (!newOnes.isEmpty()) {
                writeDevices(hostId, newOnes);
            }
            replaceNetworksAndPools(hostId, networks, pools);
            List<Object[]> audit = new ArrayList<>();
            if (existing.isEmpty() && changes.size() > 1) {
                // a host's first sync: one event for the lot, not one per VM found
                audit.add(new Object[]{actor, "host.first-sync", "host", hostName, null, changes.size() + " VMs found",
                        jobId});
            } else {
                for (SyncChange c : changes) {
                    audit.add(new Object[]{actor, c.action(), "vm", hostName + "/" + c.vmName(), c.before(), c.after(),
                            jobId});
                }
            }
            if (!audit.isEmpty()) {
                sql.batch("INSERT INTO audit_events(actor, action, target_kind, target_name, before_value, after_value, "
                        + "job_id) VALUES (?, ?, ?, ?, ?, ?, ?)", audit);
            }
            return changes;
        });
    }

    private static String summary(Vm v) {
        return v.state().dbValue() + ", " + v.vcpus() + " vCPU, " + v.memoryMib() + " MiB";
    }

    private void writeDevices(long hostId, List<DomainRecord> domains) {
        Map<String, Long> ids = new HashMap<>();
        sql.query("SELECT id, name FROM vms WHERE host_id = ?", rs -> ids.put(rs.getString(2), rs.getLong(1)), hostId);
        List<Object[]> disks = new ArrayList<>();
        List<Object[]> nics = new ArrayList<>();
        for (DomainRecord d : domains) {
            Long id = ids.get(d.vm().name());
            for (DiskDetails k : d.disks()) {
                disks.add(new Object[]{id, k.target(), k.device(), k.bus(), k.source(), k.format()});
            }
            for (NicDetails n : d.nics()) {
                nics.add(new Object[]{id, n.mac(), n.type(), n.source(), n.model(), n.mtu()});
            }
        }
        if (!disks.isEmpty()) {
            sql.batch("INSERT INTO vm_disks(vm_id, target, device, bus, source, format) VALUES (?, ?, ?, ?, ?, ?)", disks);
        }
        if (!nics.isEmpty()) {
            sql.batch("INSERT INTO vm_nics(vm_id, mac, type, source, model, mtu) VALUES (?, ?, ?, ?, ?, ?)", nics);
        }
    }

    private void replaceNetworksAndPools(long hostId, List<NetworkDetails> networks, List<PoolDetails> pools) {
        sql.update("DELETE FROM virt_networks WHERE host_id = ?", hostId);
        sql.update("DELETE FROM storage_pools WHERE host_id = ?", hostId);
        for (NetworkDetails n : networks) {
            sql.insert("INSERT INTO virt_networks(host_id, name, uuid, bridge, active, autostart, xml) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?)", hostId, n.name(), n.uuid(), n.bridge(), n.active(), n.autostart(), n.xml());
        }
        for (PoolDetails p : pools) {
            long poolId = sql.insert("INSERT INTO storage_pools(host_id, name, uuid, type, path, active, capacity_bytes, "
                            + "allocation_bytes, available_bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", hostId, p.name(),
                    p.uuid(), p.type(), p.path(), p.active(), p.capacityBytes(), p.allocationBytes(), p.availableBytes());
            List<Object[]> vols = new ArrayList<>();
            for (VolumeDetails v : p.volumes()) {
                vols.add(new Object[]{poolId, v.name(), v.path(), v.capacityBytes(), v.allocationBytes(), v.format()});
            }
            if (!vols.isEmpty()) {
                sql.batch("INSERT INTO storage_volumes(pool_id, name, path, capacity_bytes, allocation_bytes, format) "
                        + "VALUES (?, ?, ?, ?, ?, ?)", vols);
            }
        }
    }

    /**
     * Stores one domain as the hypervisor now reports it (after a lifecycle action or a create):
     * inserts or updates the VM row, keeping role, address and notes, and rewrites its devices.
     */
    public Vm upsertDomain(long hostId, DomainRecord d) {
        return sql.inTransaction(() -> {
            Vm v = d.vm();
            Optional<Vm> old = sql.queryOne("SELECT * FROM vms WHERE host_id = ? AND name = ?", VmRepository::map,
                    hostId, v.name());
            int hash = d.xml() == null ? 0 : d.xml().hashCode();
            long id;
            if (old.isPresent()) {
                id = old.get().id();
                sql.update("UPDATE vms SET uuid = ?, state = ?, vcpus = ?, memory_mib = ?, disk_gib = ?, autostart = ?, "
                                + "domain_xml = ?, xml_hash = ?, updated_at = CURRENT_TIMESTAMP WHERE id = ?",
                        v.uuid(), v.state().dbValue(), v.vcpus(), v.memoryMib(), v.diskGib(), v.autostart(), d.xml(),
                        hash, id);
                sql.update("DELETE FROM vm_disks WHERE vm_id = ?", id);
                sql.update("DELETE FROM vm_nics WHERE vm_id = ?", id);
            } else {
                id = sql.insert("INSERT INTO vms(host_id, name, uuid, state, vcpus, memory_mib, disk_gib, role, address, "
                                + "autostart, notes, domain_xml, xml_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        hostId, v.name(), v.uuid(), v.state().dbValue(), v.vcpus(), v.memoryMib(), v.diskGib(), v.role(),
                        v.address(), v.autostart(), v.notes(), d.xml(), hash);
            }
            writeDevices(hostId, List.of(d));
            return sql.queryOne("SELECT * FROM vms WHERE id = ?", VmRepository::map, id).orElseThrow();
        });
    }

    /** Moves a VM row to another host (its role, address, LB and database links stay). */
    public void moveVm(long vmId, long targetHostId) {
        sql.update("UPDATE vms SET host_id = ?, updated_at = CURRENT_TIMESTAMP WHERE id = ?", targetHostId, vmId);
    }

    /** Records that a sync of the host failed, keeping what was known before. */
    public void recordSyncError(long hostId, String error) {
        sql.update("UPDATE hosts SET sync_error = ? WHERE id = ?", error.length() > 1000 ? error.substring(0, 1000) : error,
                hostId);
    }

    public Optional<HostVirtInfo> hostInfo(long hostId) {
        return sql.queryOne("SELECT id, free_memory_mib, cpu_mhz, hypervisor_driver, synced_at, sync_error FROM hosts "
                + "WHERE id = ?", rs -> new HostVirtInfo(rs.getLong(1), Sql.nullableLong(rs, "free_memory_mib"),
                Sql.nullableInt(rs, "cpu_mhz"), rs.getString("hypervisor_driver"), Sql.instant(rs, "synced_at"),
                rs.getString("sync_error")), hostId);
    }

    /** What the last sync of each host of a site learned (time, error), by host id. */
    public Map<Long, HostVirtInfo> hostInfoBySite(long siteId) {
        Map<Long, HostVirtInfo> out = new HashMap<>();
        sql.query("SELECT id, free_memory_mib, cpu_mhz, hypervisor_driver, synced_at, sync_error FROM hosts "
                + "WHERE site_id = ?", rs -> out.put(rs.getLong(1), new HostVirtInfo(rs.getLong(1),
                Sql.nullableLong(rs, "free_memory_mib"), Sql.nullableInt(rs, "cpu_mhz"),
                rs.getString("hypervisor_driver"), Sql.instant(rs, "synced_at"), rs.getString("sync_error"))), siteId);
        return out;
    }

    public Optional<String> domainXml(long vmId) {
        return sql.queryOne("SELECT domain_xml FROM vms WHERE id = ?", rs -> rs.getString(1), vmId);
    }

    /** Domain XML of every VM of a host, by VM id (null where none was stored yet). */
    public Map<Long, String> domainXmlByHost(long hostId) {
        Map<Long, String> out = new HashMap<>();
        sql.query("SELECT id, domain_xml FROM vms WHERE host_id = ?", rs -> out.put(rs.getLong(1), rs.getString(2)),
                hostId);
        return out;
    }

    public List<DiskDetails> disks(long vmId) {
        return sql.query("SELECT * FROM vm_disks WHERE vm_id = ? ORDER BY id", rs -> new DiskDetails(
                rs.getString("target"), rs.getString("device"), rs.getString("bus"), rs.getString("source"),
                rs.getString("format")), vmId);
    }

    public List<NicDetails> nics(long vmId) {
        return sql.query("SELECT * FROM vm_nics WHERE vm_id = ? ORDER BY id", rs -> new NicDetails(rs.getString("mac"),
                rs.getString("type"), rs.getString("source"), rs.getString("model"), Sql.nullableInt(rs, "mtu")), vmId);
    }

    public List<NetworkDetails> networks(long hostId) {
        return sql.query("SELECT * FROM virt_networks WHERE host_id = ? ORDER BY name", rs -> new NetworkDetails(
                rs.getString("uuid"), rs.getString("name"), rs.getString("bridge"), rs.getBoolean("active"),
                rs.getBoolean("autostart"), rs.getString("xml")), hostId);
    }

    public List<PoolDetails> pools(long hostId) {
        List<PoolDetails> pools = new ArrayList<>();
        Map<Long, List<VolumeDetails>> vols = new HashMap<>();
        sql.query("SELECT v.*, p.name AS pool_name FROM storage_volumes v JOIN storage_pools p ON p.id = v.pool_id "
                + "WHERE p.host_id = ? ORDER BY v.name", rs -> vols.computeIfAbsent(rs.getLong("pool_id"),
                k -> new ArrayList<>()).add(volume(rs)), hostId);
        sql.query("SELECT * FROM storage_pools WHERE host_id = ? ORDER BY name", rs -> pools.add(new PoolDetails(
                rs.getString("uuid"), rs.getString("name"), rs.getString("type"), rs.getString("path"),
                rs.getBoolean("active"), rs.getLong("capacity_bytes"), rs.getLong("allocation_bytes"),
                rs.getLong("available_bytes"), List.copyOf(vols.getOrDefault(rs.getLong("id"), List.of())))), hostId);
        return pools;
    }

    private static VolumeDetails volume(ResultSet rs) throws SQLException {
        return new VolumeDetails(rs.getString("pool_name"), rs.getString("name"), rs.getString("path"),
                rs.getLong("capacity_bytes"), rs.getLong("allocation_bytes"), rs.getString("format"));
    }
}
