package org.clusterdeck.harden;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.clusterdeck.model.Backend;
import org.clusterdeck.model.Host;
import org.clusterdeck.model.LoadBalancer;
import org.clusterdeck.model.Vm;
import org.clusterdeck.store.Store;

/**
 * Reads a host's role and its peers from the topology: which load balancers send it traffic,
 * which web hosts use a database, who replicates with whom, which hypervisors migrate between
 * each other. Only IP literals become peers (a firewall rule needs addresses, and a name would be
 * resolved on the host, later, by someone else's DNS).
 */
public final class HostContexts {
    private final Store store;

    public HostContexts(Store store) {
        this.store = store;
    }

    /** The context of inventory host {@code hostName}; {@code role} null: the inventory's role. */
    public HostContext of(String hostName, Role role, List<String> adminSources) {
        Host h = store.hosts().findByName(hostName).orElseThrow(() -> new HardenException(
                "No host named '" + hostName.replaceAll("\\p{Cntrl}", "?") + "' in the inventory. See 'hosts list'."));
        List<Host> site = store.hosts().findBySite(h.siteId());
        Role r = role != null ? role : Role.fromInventory(h.role());
        Set<String> lbs = new LinkedHashSet<>();
        Set<String> webs = new LinkedHashSet<>();
        for (LoadBalancer lb : store.loadBalancers().findBySite(h.siteId())) {
            String lbAddress = lb.vmId() == null ? lb.serverName() : store.vms().findById(lb.vmId()).map(Vm::address).orElse(null);
            for (Backend b : lb.backends()) {
                if (literal(b.address())) {
                    webs.add(b.address().strip());
                }
                if (same(b.address(), h.address()) && literal(lbAddress)) {
                    lbs.add(lbAddress.strip());
                }
            }
        }
        List<String> dbPeers = new ArrayList<>();
        List<String> hypervisors = new ArrayList<>();
        for (Host o : site) {
            if (o.id() == h.id() || !literal(o.address())) {
                continue;
            }
            Role or = Role.fromInventory(o.role());
            if (or == Role.WEB) {
                webs.add(o.address().strip());
            } else if (or == Role.DB) {
                dbPeers.add(o.address().strip());
            } else if (or == Role.HYPERVISOR) {
                hypervisors.add(o.address().strip());
            }
        }
        webs.remove(h.address());
        return new HostContext(h.name(), h.address(), h.sshPort(), h.sshUser(), r, List.copyOf(lbs), List.copyOf(webs),
                dbPeers, hypervisors, adminSources);
    }

    /** Whether {@code s} is an IPv4 or IPv6 literal (never resolved through DNS). */
    public static boolean literal(String s) {
        if (s == null || s.isBlank()) {
            return false;
        }
        String a = s.strip();
        if (!a.matches("\\d{1,3}(\\.\\d{1,3}){3}") && !(a.contains(":") && a.matches("[0-9A-Fa-f:.]+"))) {
            return false;
        }
        try {
            InetAddress.getByName(a);
            return true;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static boolean same(String a, String b) {
        return a != null && b != null && a.strip().equalsIgnoreCase(b.strip());
    }
}
