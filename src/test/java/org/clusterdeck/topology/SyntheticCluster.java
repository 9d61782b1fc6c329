package org.clusterdeck.topology;

import java.util.ArrayList;
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
 * A generated cluster for layout tests and the benchmark: {@code hosts} hosts with VMs spread
 * at random (about the average each), {@code lbs} load balancers each with up to 20 web backends, and a
 * database primary/replica pair per 50 hosts. Deterministic for the same arguments (and seed).
 */
public final class SyntheticCluster {
    private SyntheticCluster() {
    }

    public static TopologyGraph generate(int hosts, int vms, int lbs) {
        return generate(hosts, vms, lbs, 42);
    }

    /** The same with another seed, for tests that try many different clusters. */
    public static TopologyGraph generate(int hosts, int vms, int lbs, long seed) {
        Site site = new Site(1, "Generated " + hosts + " hosts", SiteKind.REAL, null);
        List<Host> hostList = new ArrayList<>();
        List<Vm> vmList = new ArrayList<>();
        java.util.Random rnd = new java.util.Random(seed);
        int[] perHost = new int[hosts];
        for (int i = 0; i < vms; i++) {
            perHost[rnd.nextInt(hosts)]++;
        }
        long vmId = 1;
        for (int h = 1; h <= hosts; h++) {
            hostList.add(new Host(h, site.id(), String.format("node%04d", h), "10.0." + (h / 250) + "." + (h % 250),
                    22, "root", null, null, "hypervisor", null, "Xeon", 32, 262144L, 4096L));
            for (int i = 0; i < perHost[h - 1]; i++) {
                VmState state = rnd.nextInt(10) < 7 ? VmState.RUNNING : VmState.values()[rnd.nextInt(4)];
                String role = i % 5 == 0 ? "db" : i % 3 == 0 ? "app" : "web";
                vmList.add(new Vm(vmId, h, "vm" + vmId, null, state, 2, 4096, 40, role, "10.1." + (vmId / 250) + "."
                        + (vmId % 250), true, null));
                vmId++;
            }
        }
        List<LoadBalancer> lbList = new ArrayList<>();
        long backendId = 1;
        for (int l = 1; l <= lbs; l++) {
            List<Backend> backends = new ArrayList<>();
            for (int b = 0; b < 20 && !vmList.isEmpty(); b++) {
                Vm target = vmList.get(rnd.nextInt(vmList.size()));
                backends.add(new Backend(backendId++, l, target.id(), target.address(), 8080, 1 + rnd.nextInt(5), 3, 30,
                        false));
            }
            Long on = vmList.isEmpty() ? null : vmList.get(rnd.nextInt(vmList.size())).id();
            lbList.add(new LoadBalancer(l, site.id(), "lb" + l, on, 80, "site" + l + ".example",
                    l % 2 == 0 ? "least_conn" : "round_robin", null, backends));
        }
        List<DatabaseNode> dbs = new ArrayList<>();
        long dbId = 1;
        for (int d = 0; d < Math.max(1, hosts / 50); d++) {
            long primary = dbId++;
            dbs.add(new DatabaseNode(primary, site.id(), "mysql-" + d + "-primary", "mysql", "8.0", "primary", null,
                    3306, null));
            dbs.add(new DatabaseNode(dbId++, site.id(), "mysql-" + d + "-replica", "mysql", "8.0", "replica", null,
                    3306, primary));
        }
        return TopologyBuilder.build(site, hostList, vmList, lbList, dbs);
    }
}
