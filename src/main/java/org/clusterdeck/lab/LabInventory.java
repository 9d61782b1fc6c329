package org.clusterdeck.lab;

import java.util.ArrayList;
import java.util.List;
import org.clusterdeck.inventory.InventoryEvents;
import org.clusterdeck.model.Host;
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
        List<Host> saved = store.sql().inTransaction(() -> {
            Site site = store.sites().findByName(SITE_NAME).orElseGet(() -> store.sites().insert(SITE_NAME, SiteKind.LAB,
                    "Practice hosts in network namespaces on this machine (Tools ▸ Local lab, or 'lab up' on the command line)."));
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
                        "root", lh.privateKey().toString(), null, "web",
                        "Practice host: network namespace " + lh.namespace() + " on this machine.", null, null, null, null);
                if (existing.isPresent()) {
                    store.hosts().update(h);
                    out.add(h);
                } else {
                    out.add(store.hosts().insert(h));
                }
                store.audit().record(actor, "lab.host.up", "host", lh.name(), null,
                        lh.address() + " host key " + lh.hostKeyFingerprint(), null);
            }
            return out;
        });
        for (LabHost lh : hosts) {
            knownHosts.forget(lh.address(), lh.sshPort());
            knownHosts.trust(lh.address(), lh.sshPort(), lh.hostKey());
        }
        events.fire("site", 0, "lab up");
        return saved;
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
