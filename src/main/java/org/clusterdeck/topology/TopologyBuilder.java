package org.clusterdeck.topology;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.clusterdeck.model.Backend;
import org.clusterdeck.model.DatabaseNode;
import org.clusterdeck.model.Host;
import org.clusterdeck.model.HostVirtInfo;
import org.clusterdeck.model.LoadBalancer;
import org.clusterdeck.model.Site;
import org.clusterdeck.model.Vm;
import org.clusterdeck.store.Store;
import org.clusterdeck.store.VirtRepository;

/** Builds the {@link TopologyGraph} of one site from the inventory. */
public final class TopologyBuilder {
    private static final DateTimeFormatter SYNC_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private TopologyBuilder() {
    }

    /** Reads the site's hosts, VMs, load balancers and databases from the store. */
    public static TopologyGraph fromStore(Store store, Site site) {
        List<Host> hosts = store.hosts().findBySite(site.id());
        List<Vm> vms = new ArrayList<>();
        for (Host h : hosts) {
            vms.addAll(store.vms().findByHost(h.id()));
        }
        return build(site, hosts, vms, store.loadBalancers().findBySite(site.id()),
                store.databases().findBySite(site.id()), new VirtRepository(store.sql()).hostInfoBySite(site.id()));
    }

    /** Builds the graph from inventory records, hosts without any sync state. */
    public static TopologyGraph build(Site site, List<Host> hosts, List<Vm> vms, List<LoadBalancer> lbs,
                                      List<DatabaseNode> dbs) {
        return build(site, hosts, vms, lbs, dbs, Map.of());
    }

    /**
     * Builds the graph from inventory records; {@code syncs} (by host id) gives each host its state.
     * VMs of other hosts and dangling references are left out.
     */
    public static TopologyGraph build(Site site, List<Host> hosts, List<Vm> vms, List<LoadBalancer> lbs,
                                      List<DatabaseNode> dbs, Map<Long, HostVirtInfo> syncs) {
        List<TopologyNode> nodes = new ArrayList<>();
        List<TopologyEdge> edges = new ArrayList<>();
        Map<Long, Host> hostById = new HashMap<>();
        Map<String, Host> hostByAddress = new HashMap<>();
        for (Host h : hosts) {
            hostById.put(h.id(), h);
            if (h.address() != null) {
                hostByAddress.putIfAbsent(h.address(), h);
            }
        }
        Map<Long, List<Vm>> vmsByHost = new HashMap<>();
        Map<Long, Vm> vmById = new HashMap<>();
        for (Vm v : vms) {
            if (hostById.containsKey(v.hostId())) {
                vmsByHost.computeIfAbsent(v.hostId(), k -> new ArrayList<>()).add(v);
                vmById.put(v.id(), v);
            }
        }
        for (Host h : hosts) {
            nodes.add(hostNode(h, syncs.get(h.id())));
            for (Vm v : vmsByHost.getOrDefault(h.id(), List.of())) {
                nodes.add(new TopologyNode(DiagramNodeRef.vm(v.id()), DiagramNodeRef.host(h.id()), v.name(),
                        v.address() == null ? "" : v.address(),
                        v.vcpus() + " vCPU · " + memory(v.memoryMib()), v.role(), NodeState.of(v.state()),
                        List.of()));
            }
        }
        for (LoadBalancer lb : lbs) {
            DiagramNodeRef ref = DiagramNodeRef.lb(lb.id());
            Vm on = lb.vmId() == null ? null : vmById.get(lb.vmId());
            nodes.add(new TopologyNode(ref, null, lb.name(), "nginx :" + lb.listenPort() + " · " + lb.algorithm(),
                    lb.serverName() == null ? "" : lb.serverName(), "lb",
                    on == null ? NodeState.NONE : NodeState.of(on.state()), List.of()));
            if (on != null) {
                edges.add(new TopologyEdge(ref, DiagramNodeRef.vm(on.id()), EdgeKind.HOSTED_ON, null));
            }
            for (Backend b : lb.backends()) {
                if (b.vmId() != null && vmById.containsKey(b.vmId())) {
                    edges.add(new TopologyEdge(ref, DiagramNodeRef.vm(b.vmId()), EdgeKind.BACKEND,
                            backendLabel(b, lb.algorithm())));
                } else if (b.vmId() == null && hostByAddress.containsKey(b.address())) {
                    // a backend that is a whole host (the lab cluster's web hosts), found by its address
                    edges.add(new TopologyEdge(ref, DiagramNodeRef.host(hostByAddress.get(b.address()).id()),
                            EdgeKind.BACKEND, backendLabel(b, lb.algorithm())));
                }
            }
        }
        Map<Long, DatabaseNode> dbById = new HashMap<>();
        for (DatabaseNode d : dbs) {
            dbById.put(d.id(), d);
        }
        for (DatabaseNode d : dbs) {
            DiagramNodeRef ref = DiagramNodeRef.db(d.id());
            Vm on = d.vmId() == null ? null : vmById.get(d.vmId());
            nodes.add(new TopologyNode(ref, null, d.name(),
                    d.engine() + (d.version() == null ? "" : " " + d.version()) + " :" + d.port() + " · " + d.role(),
                    d.role(), "db",
                    on == null ? NodeState.NONE : NodeState.of(on.state()), List.of()));
            if (on != null) {
                edges.add(new TopologyEdge(ref, DiagramNodeRef.vm(on.id()), EdgeKind.HOSTED_ON, null));
            }
        }
        for (DatabaseNode d : dbs) {
            if (d.replicationSourceId() != null && dbById.containsKey(d.replicationSourceId())) {
                edges.add(new TopologyEdge(DiagramNodeRef.db(d.replicationSourceId()), DiagramNodeRef.db(d.id()),
                        EdgeKind.REPLICATION, "replication"));
            }
        }
        return new TopologyGraph(site.id(), site.name(), nodes, edges);
    }

    /** A host's box; its state comes from its last libvirt sync (null: never synced). */
    public static TopologyNode hostNode(Host h, HostVirtInfo sync) {
        return new TopologyNode(DiagramNodeRef.host(h.id()), null, h.name(), h.address(), hardware(h), h.role(),
                hostState(sync), List.of(), hostStateNote(sync));
    }

    /**
     * Up when the last sync reached libvirt, unreachable when it failed (a failed sync keeps the
     * older sync time, so the error decides), none when the host was never synced.
     */
    public static NodeState hostState(HostVirtInfo sync) {
        if (sync == null || (sync.lastError() == null && sync.syncedAt() == null)) {
            return NodeState.NONE;
        }
        return sync.lastError() != null ? NodeState.UNREACHABLE : NodeState.UP;
    }

    /** Why the host shows its state, for the tooltip: the sync error, the last sync time, or "never synced". */
    public static String hostStateNote(HostVirtInfo sync) {
        if (sync == null || (sync.lastError() == null && sync.syncedAt() == null)) {
            return "libvirt: never synced";
        }
        String last = sync.syncedAt() == null ? "never" : SYNC_TIME.format(sync.syncedAt());
        if (sync.lastError() != null) {
            return "Last sync failed: " + org.clusterdeck.text.TerminalText.line(sync.lastError()) + "\nLast good sync: " + last;
        }
        return "libvirt connected, last sync " + last;
    }

    static String backendLabel(Backend b, String algorithm) {
        return "w=" + b.weight() + " · " + algorithm + (b.backup() ? " · backup" : "");
    }

    private static String hardware(Host h) {
        List<String> parts = new ArrayList<>();
        if (h.cpuCores() != null) {
            parts.add(h.cpuCores() + " cores");
        }
        if (h.memoryMib() != null) {
            parts.add(memory(h.memoryMib()));
        }
        if (h.diskGib() != null) {
            parts.add(h.diskGib() >= 1024 && h.diskGib() % 1024 == 0 ? h.diskGib() / 1024 + " TiB disk"
                    : h.diskGib() + " GiB disk");
        }
        return String.join(" · ", parts);
    }

    static String memory(long mib) {
        if (mib >= 1024 && mib % 1024 == 0) {
            return mib / 1024 + " GiB";
        }
        return mib >= 1024 ? String.format(Locale.ROOT, "%.1f GiB", mib / 1024.0) : mib + " MiB";
    }
}
