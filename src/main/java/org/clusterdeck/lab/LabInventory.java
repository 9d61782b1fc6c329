package org.clusterdeck.lab;

import java.util.ArrayList;
import java.util.List;
import org.clusterdeck.inventory.InventoryEvents;
import org.clusterdeck.model.Backend;
import org.clusterdeck.model.DatabaseNode;
import org.clusterdeck.model.Host;
import org.clusterdeck.model.LoadBalancer;
import org.clusterdeck.model.Site;
import org.clusterdeck.model.SiteKind;
import org.clusterdeck.remote.KnownHosts;
import org.clusterdeck.store.Store;

/**
 * Puts lab hosts into the inventory as site "Local lab" (kind LAB), with their host keys already
 * trusted (ClusterDeck made them, so there is nothing to confirm), and takes them out again.
 */
public final class LabInventory {
    public static final String SITE_NAME = "Local lab";

    private final Store store;
    private final KnownHosts knownHosts;
    private final InventoryEvents events;
    private final String actor;

    public LabInventory(Store store, KnownHosts knownHosts, InventoryEvents events, String actor) {
        this.store = store;
        this.knownHosts = knownHosts;
        this.events = events;
        this.actor = actor;
    }

    /** Adds or updates one inventory host per lab host; hosts of the site no longer in the lab are removed. */
    public List<Host> register(List<LabHost> hosts) {
        return register(hosts, false);
    }

    /**
     * As above; with {@code cluster} the site also gets the source's topology: a load balancer on
     * the lb host with the two web hosts as backends (least_conn, weights 5 and 3) and a MariaDB
     * primary on the first db host with its replica on the second, drawn like the demo lab.
     */
    public List<Host> register(List<LabHost> hosts, boolean cluster) {
        List<Host> saved = store.sql().inTransaction(() -> {
            Site site = store.sites().findByName(SITE_NAME).orElseGet(() -> store.sites().insert(SITE_NAME, SiteKind.LAB,
                    "Practice hosts: containers booted on this machine (Tools ▸ Local lab, or 'lab up' on the command line)."));
            if (site.kind() != SiteKind.LAB) {
                throw new LabException("A site named '" + SITE_NAME + "' exists but is not the lab's site; rename it first.");
            }
            List<Host> out = new ArrayList<>();
            List<String> names = hosts.stream().map(LabHost::name).toList();
            for (Host old : store.hosts().findBySite(site.id())) {
                if (!names.contains(old.name())) {
                    store.hosts().delete(old.id());
                    store.audit().record(actor, "host.remove", "host", old.name(), old.address(), null, null);
                }
            }
            for (LabHost lh : hosts) {
                var existing = store.hosts().findByName(lh.name());
                if (existing.isPresent() && existing.get().siteId() != site.id()) {
                    throw new LabException("A host named '" + lh.name() + "' already exists outside the lab; rename it"
                            + " or remove it before 'lab up'.");
                }
                Host h = new Host(existing.map(Host::id).orElse(0L), site.id(), lh.name(), lh.address(), lh.sshPort(),
                        "root", lh.privateKey().toString(), null, lh.role(),
                        "Practice host: container " + lh.namespace() + " on this machine (shares its kernel).",
                        null, null, null, null);
                if (existing.isPresent()) {
                    store.hosts().update(h);
                    out.add(h);
                } else {
                    out.add(store.hosts().insert(h));
                }
                store.audit().record(actor, "lab.host.up", "host", lh.name(), null,
                        lh.address() + " host key " + lh.hostKeyFingerprint(), null);
            }
            registerTopology(site, hosts, cluster);
            return out;
        });
        for (LabHost lh : hosts) {
            knownHosts.forget(lh.address(), lh.sshPort());
            knownHosts.trust(lh.address(), lh.sshPort(), lh.hostKey());
        }
        events.fire("site", 0, "lab up");
        return saved;
    }

    private void registerTopology(Site site, List<LabHost> hosts, boolean cluster) {
        store.loadBalancers().findBySite(site.id()).forEach(lb -> store.loadBalancers().delete(lb.id()));
        List<DatabaseNode> dbs = new ArrayList<>(store.databases().findBySite(site.id()));
        dbs.sort((a, b) -> Boolean.compare(b.isReplica(), a.isReplica())); // replicas before their source
        dbs.forEach(d -> store.databases().delete(d.id()));
        if (!cluster) {
            return;
        }
        List<LabHost> lbs = hosts.stream().filter(h -> h.role().equals("lb")).toList();
        List<LabHost> webs = hosts.stream().filter(h -> h.role().equals("web")).toList();
        List<LabHost> dbHosts = hosts.stream().filter(h -> h.role().equals("db")).toList();
        if (!lbs.isEmpty() && webs.size() >= 2) {
            // until the load-balancer feature deploys it, the lb host serves its own page
            store.loadBalancers().insert(new LoadBalancer(0, site.id(), "lab-frontend", null, 80, lbs.get(0).address(),
                    "least_conn", "Local lab: " + lbs.get(0).name() + " in front of " + webs.get(0).name() + " and "
                    + webs.get(1).name() + " (upstream 'backend' from the source's nginx chapter)",
                    List.of(new Backend(0, 0, null, webs.get(0).address(), 80, 5, 3, 30, false),
                            new Backend(0, 0, null, webs.get(1).address(), 80, 3, 3, 30, false))));
        }
        if (dbHosts.size() >= 2) {
            DatabaseNode primary = store.databases().insert(new DatabaseNode(0, site.id(), "lab-" + dbHosts.get(0).name(),
                    "mariadb", null, "primary", null, 3306, null));
            store.databases().insert(new DatabaseNode(0, site.id(), "lab-" + dbHosts.get(1).name(), "mariadb", null,
                    "replica", null, 3306, primary.id()));
        }
    }

    /** Removes the lab's site and hosts from the inventory and forgets their host keys. */
    public int unregister() {
        Site site = store.sites().findByName(SITE_NAME).filter(s -> s.kind() == SiteKind.LAB).orElse(null);
        if (site == null) {
            return 0;
        }
        List<Host> hosts = store.hosts().findBySite(site.id());
        store.sql().inTransaction(() -> {
            for (Host h : hosts) {
                store.audit().record(actor, "lab.host.down", "host", h.name(), h.address(), null, null);
            }
            store.sites().delete(site.id());
            return null;
        });
        for (Host h : hosts) {
            knownHosts.forget(h.address(), h.sshPort());
        }
        events.fire("site", site.id(), "lab down");
        return hosts.size();
    }
}
