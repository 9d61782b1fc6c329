package org.clusterdeck.store;

import java.util.List;
import org.clusterdeck.model.Backend;
import org.clusterdeck.model.DatabaseNode;
import org.clusterdeck.model.Host;
import org.clusterdeck.model.LoadBalancer;
import org.clusterdeck.model.Site;
import org.clusterdeck.model.SiteKind;
import org.clusterdeck.model.Vm;
import org.clusterdeck.model.VmState;

/**
 * The "Demo lab" seeded into an empty database: the source tutorial's cluster, three Xeon Gold
 * 6338 hosts, an nginx load balancer ({@code least_conn}, weights 5 and 3) in front of two web VMs,
 * a MySQL primary and replica, and application VMs. Its addresses are labels: ClusterDeck never
 * connects to a demo host.
 */
public final class DemoInventory {
    public static final String SITE_NAME = "Demo lab";
    static final String CPU = "Intel Xeon Gold 6338";
    static final long HOST_MEMORY_MIB = 512L * 1024;
    static final long HOST_DISK_GIB = 2048;
    static final int HOST_CORES = 64;

    private DemoInventory() {
    }

    /** Seeds the demo lab when the database holds no site at all. Returns whether it seeded. */
    public static boolean seedIfEmpty(Store store) {
        return store.sql().inTransaction(() -> {
            if (store.sites().count() > 0) {
                return false;
            }
            seed(store);
            return true;
        });
    }

    private static void seed(Store store) {
        Site site = store.sites().insert(SITE_NAME, SiteKind.DEMO,
                "The source tutorial's cluster on libvirt's test driver. Addresses are labels only.");
        Host pve1 = host(store, site, "pve1", "192.168.1.100", "HA master node");
        Host pve2 = host(store, site, "pve2", "192.168.1.101", "HA backup node");
        Host pve3 = host(store, site, "pve3", "192.168.1.102", "HA recovery node");

        Vm lb = vm(store, pve1, "lb1", "lb", "192.168.1.5", 2, 2048, 20);
        Vm web1 = vm(store, pve1, "web1", "web", "192.168.1.10", 4, 8192, 40);
        Vm app1 = vm(store, pve1, "app1", "app", "192.168.1.30", 2, 4096, 40);
        Vm web2 = vm(store, pve2, "web2", "web", "192.168.1.11", 4, 8192, 40);
        Vm dbPrimary = vm(store, pve2, "db-primary", "db", "192.168.1.20", 8, 32768, 200);
        Vm app2 = vm(store, pve3, "app2", "app", "192.168.1.31", 2, 4096, 40);
        Vm dbReplica = vm(store, pve3, "db-replica", "db", "192.168.1.21", 8, 32768, 200);
        assert app1.id() > 0 && app2.id() > 0;

        store.loadBalancers().insert(new LoadBalancer(0, site.id(), "frontend", lb.id(), 80,
                "example.com www.example.com", "least_conn", "Upstream 'backend' from the source's nginx chapter",
                List.of(backend(web1, 5), backend(web2, 3))));

        DatabaseNode primary = store.databases().insert(new DatabaseNode(0, site.id(), "mysql-primary", "mysql",
                "8.0.32", "primary", dbPrimary.id(), 3306, null));
        store.databases().insert(new DatabaseNode(0, site.id(), "mysql-replica", "mysql", "8.0.32", "replica",
                dbReplica.id(), 3306, primary.id()));
    }

    private static Host host(Store store, Site site, String name, String address, String notes) {
        Host draft = new Host(0, site.id(), name, address, 22, "root", null, null, "hypervisor", notes,
                CPU, HOST_CORES, HOST_MEMORY_MIB, HOST_DISK_GIB);
        return store.hosts().insert(draft);
    }

    private static Vm vm(Store store, Host host, String name, String role, String address, int vcpus,
                         long memoryMib, long diskGib) {
        return store.vms().insert(new Vm(0, host.id(), name, null, VmState.RUNNING, vcpus, memoryMib, diskGib,
                role, address, true, null));
    }

    private static Backend backend(Vm vm, int weight) {
        return new Backend(0, 0, vm.id(), vm.address(), 8080, weight, 3, 30, false);
    }
}
