package org.clusterdeck.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.clusterdeck.lab.LabLayout;
import org.clusterdeck.model.Host;
import org.clusterdeck.model.LoadBalancer;
import org.clusterdeck.model.Site;
import org.clusterdeck.model.SiteKind;
import org.clusterdeck.model.Vm;
import org.clusterdeck.store.Store;

/**
 * The one rule for where ClusterDeck may send traffic (benchmarks now, scans later):
 * <ul>
 * <li>loopback (127.0.0.0/8, ::1);</li>
 * <li>lab hosts (10.213.k.x, any lab index k) once {@code ip route get} shows the route leaves
 * through that lab's own bridge {@code cdlab<k>} with no gateway, so the traffic stays on this
 * machine;</li>
 * <li>hosts and VMs the user added to the inventory (sites that are neither demo nor lab);</li>
 * <li>never the demo lab: its addresses are labels; the refusal points to the local lab.</li>
 * </ul>
 * Everything else is refused before a single packet is sent. A target may be given by address
 * or by the name of an inventory host (e.g. {@code lab2}).
 */
public final class TargetPolicy {
    static final String DEMO_REFUSAL = " is in the demo lab: its address is a label and ClusterDeck sends no "
            + "traffic to it. Use a lab host ('" + org.clusterdeck.text.Invocation.asRoot("lab up") + "') or a server on 127.0.0.1 instead.";

    private final Store store;
    private final Routes.Lookup routes;

    /**
     * @param store  the inventory (null: loopback and lab hosts only)
     * @param routes how to ask the kernel for a route ({@link Routes#IP_ROUTE_GET})
     */
    public TargetPolicy(Store store, Routes.Lookup routes) {
        this.store = store;
        this.routes = routes;
    }

    /** The policy of the application: the inventory in {@code store}, real {@code ip route get}. */
    public static TargetPolicy of(Store store) {
        return new TargetPolicy(store, Routes.IP_ROUTE_GET);
    }

    /** Loopback and verified lab hosts only; no inventory (engine tests, tools without a database). */
    public static TargetPolicy withoutInventory() {
        return new TargetPolicy(null, Routes.IP_ROUTE_GET);
    }

    /**
     * The address to send traffic to for {@code host} (an address, a bracketed IPv6 literal, an
     * inventory host's name or a DNS name), or a {@link TargetRefusedException} saying why not.
     */
    public InetAddress resolve(String host) {
        String h = unbracket(host == null ? "" : host.strip());
        if (h.isEmpty()) {
            throw new TargetRefusedException("No host given: write an address such as 127.0.0.1 or a lab host's name.");
        }
        Inventory inv = inventory();
        Optional<Inventory.Node> named = inv.byName(h);
        if (named.isPresent()) {
            refuseDemo(named.get());
            h = unbracket(named.get().address().strip());
        }
        InetAddress[] all;
        try {
            InetAddress literal = literal(h);
            all = literal != null ? new InetAddress[] {literal} : InetAddress.getAllByName(h);
        } catch (UnknownHostException e) {
            throw new TargetRefusedException("Unknown host '" + printable(h)
                    + "': it does not resolve. Check the spelling, or use an address such as 127.0.0.1.", e);
        }
        for (InetAddress a : all) {
            Optional<Inventory.Node> node = inv.byAddress(a);
            if (node.isPresent()) {
                refuseDemo(node.get());
            }
        }
        String labProblem = null;
        for (InetAddress a : all) {
            if (a.isLoopbackAddress()) {
                return a;
            }
            int lab = LabLayout.indexOfAddress(a);
            if (lab > 0) {
                labProblem = labRouteProblem(a, LabLayout.NAME_PREFIX + lab);
                if (labProblem == null) {
                    return a;
                }
                continue;
            }
            if (inv.byAddress(a).filter(n -> n.kind() == SiteKind.REAL).isPresent()) {
                return a;
            }
        }
        if (labProblem != null) {
            throw new TargetRefusedException(labProblem);
        }
        throw new TargetRefusedException("Refusing to send traffic to " + printable(h) + " (" + all[0].getHostAddress()
                + "): ClusterDeck sends traffic only to loopback (127.0.0.0/8, ::1), to lab hosts whose route stays "
                + "on this machine, and to hosts you added to the inventory. Add the host ('" + org.clusterdeck.text.Invocation.command("hosts add") + "'), "
                + "start a lab ('" + org.clusterdeck.text.Invocation.asRoot("lab up") + "') or use 127.0.0.1.");
    }

    /** True when {@link #resolve} accepts {@code host}. */
    public boolean allows(String host) {
        try {
            resolve(host);
            return true;
        } catch (TargetRefusedException e) {
            return false;
        }
    }

    /** The address of an inventory host, refusing demo hosts. */
    public String addressOf(Site site, Host host) {
        refuseDemo(site, "host " + host.name());
        return require(host.address(), "Host " + host.name() + " has no address; set it first.");
    }

    /** The address of a VM, refusing demo VMs and VMs without one (never a stand-in such as 127.0.0.1). */
    public String addressOf(Site site, Vm vm) {
        refuseDemo(site, "VM " + vm.name());
        return require(vm.address(), "VM " + vm.name() + " has no address yet; set it (or wait for it to get one), "
                + "or type the URL.");
    }

    /** The address of a load balancer: that of the VM it runs on. */
    public String addressOf(Site site, LoadBalancer lb, Vm lbVm) {
        refuseDemo(site, "load balancer " + lb.name());
        if (lbVm == null) {
            throw new TargetRefusedException("Load balancer " + lb.name() + " runs on no VM, so it has no address to "
                    + "send traffic to; place it on a VM first, or type the URL.");
        }
        return require(lbVm.address(), "Load balancer " + lb.name() + " runs on VM " + lbVm.name()
                + ", which has no address yet; set the VM's address first, or type the URL.");
    }

    /** {@code address} ready for a URL: IPv6 literals in brackets. */
    public static String urlHost(String address) {
        String a = address.strip();
        return a.contains(":") && !a.startsWith("[") ? "[" + a + "]" : a;
    }

    private static String require(String address, String problem) {
        if (address == null || address.isBlank()) {
            throw new TargetRefusedException(problem);
        }
        return address.strip();
    }

    private static void refuseDemo(Site site, String what) {
        if (site != null && site.isDemo()) {
            throw new TargetRefusedException("The " + what + DEMO_REFUSAL);
        }
    }

    private static void refuseDemo(Inventory.Node node) {
        if (node.kind() == SiteKind.DEMO) {
            throw new TargetRefusedException(node.what() + DEMO_REFUSAL);
        }
    }

    private String labRouteProblem(InetAddress a, String bridge) {
        String route;
        try {
            route = routes.routeOf(a);
        } catch (IOException e) {
            return "Cannot check the route to lab address " + a.getHostAddress() + " (" + e.getMessage()
                    + "); install iproute2, or use 127.0.0.1.";
        }
        if (Routes.staysOnLink(route, bridge)) {
            return null;
        }
        return "Refusing lab address " + a.getHostAddress() + ": its route ("
                + printable(route == null ? "none" : route.strip()) + ") does not stay on the lab bridge " + bridge
                + ". Start that lab ('" + org.clusterdeck.text.Invocation.asRoot("lab up") + "') or use 127.0.0.1.";
    }

    private Inventory inventory() {
        return store == null ? Inventory.EMPTY : Inventory.read(store);
    }

    /** The address when {@code s} is an IP literal (no DNS lookup is made), else null. */
    public static InetAddress literal(String s) {
        if (!s.matches("[0-9.]+") && !s.matches("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            return null;
        }
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** {@code s} without the brackets of an IPv6 literal in a URL ("[::1]" → "::1"). */
    public static String unbracket(String s) {
        return s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
    }

    /** Text safe to show in one line: control characters become '?', long text is cut. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(200).forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return b.toString();
    }

    /** Hosts and VMs of the inventory with the kind of their site, read once per check. */
    private record Inventory(List<Node> nodes) {
        static final Inventory EMPTY = new Inventory(List.of());

        record Node(String what, String name, String address, SiteKind kind) {
        }

        static Inventory read(Store store) {
            Map<Long, SiteKind> kinds = new HashMap<>();
            store.sites().findAll().forEach(s -> kinds.put(s.id(), s.kind()));
            Map<Long, SiteKind> hostKinds = new HashMap<>();
            List<Node> out = new ArrayList<>();
            for (Host h : store.hosts().findAll()) {
                SiteKind k = kinds.getOrDefault(h.siteId(), SiteKind.REAL);
                hostKinds.put(h.id(), k);
                out.add(new Node("The host " + h.name(), h.name(), h.address(), k));
            }
            for (Vm v : store.vms().findAll()) {
                out.add(new Node("The VM " + v.name(), null, v.address(), hostKinds.getOrDefault(v.hostId(), SiteKind.REAL)));
            }
            return new Inventory(out);
        }

        Optional<Node> byName(String name) {
            return nodes.stream().filter(n -> n.name() != null && n.name().equalsIgnoreCase(name)).findFirst();
        }

        /** The node with this address; a demo node first, so a demo label is never mistaken for a real host. */
        Optional<Node> byAddress(InetAddress a) {
            Optional<Node> demo = Optional.empty();
            Optional<Node> other = Optional.empty();
            for (Node n : nodes) {
                if (n.address() == null || n.address().isBlank()) {
                    continue;
                }
                InetAddress na = literal(unbracket(n.address().strip()));
                if (na != null && na.equals(a)) {
                    if (n.kind() == SiteKind.DEMO && demo.isEmpty()) {
                        demo = Optional.of(n);
                    } else if (other.isEmpty()) {
                        other = Optional.of(n);
                    }
                }
            }
            return demo.isPresent() ? demo : other;
        }
    }
}
