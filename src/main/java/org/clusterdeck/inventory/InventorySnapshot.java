package org.clusterdeck.inventory;

import java.util.List;
import java.util.Optional;
import org.clusterdeck.model.DatabaseNode;
import org.clusterdeck.model.Host;
import org.clusterdeck.model.LoadBalancer;
import org.clusterdeck.model.Site;
import org.clusterdeck.model.Vm;
import org.clusterdeck.store.Store;

/** Everything in the inventory at one moment, read together for views that show it all. */
public record InventorySnapshot(
        List<Site> sites,
        List<Host> hosts,
        List<Vm> vms,
        List<LoadBalancer> loadBalancers,
        List<DatabaseNode> databases) {

    public static InventorySnapshot load(Store store) {
        return store.sql().inTransaction(() -> new InventorySnapshot(store.sites().findAll(), store.hosts().findAll(),
                store.vms().findAll(), store.loadBalancers().findAll(), store.databases().findAll()));
    }

    public List<Host> hostsOf(Site site) {
        return hosts.stream().filter(h -> h.siteId() == site.id()).toList();
    }

    public List<Vm> vmsOf(Host host) {
        return vms.stream().filter(v -> v.hostId() == host.id()).toList();
    }

    public List<LoadBalancer> loadBalancersOf(Site site) {
        return loadBalancers.stream().filter(l -> l.siteId() == site.id()).toList();
    }

    public List<DatabaseNode> databasesOf(Site site) {
        return databases.stream().filter(d -> d.siteId() == site.id()).toList();
    }

    public Optional<Site> site(long id) {
        return sites.stream().filter(s -> s.id() == id).findFirst();
    }

    public Optional<Host> host(long id) {
        return hosts.stream().filter(h -> h.id() == id).findFirst();
    }

    public Optional<Vm> vm(long id) {
        return vms.stream().filter(v -> v.id() == id).findFirst();
    }
}
