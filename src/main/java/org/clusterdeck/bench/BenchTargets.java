package org.clusterdeck.bench;

import org.clusterdeck.model.Host;
import org.clusterdeck.model.LoadBalancer;
import org.clusterdeck.model.Site;
import org.clusterdeck.model.Vm;

/**
 * The URL to pre-fill when a benchmark is started from the inventory. Demo-lab nodes are refused
 * here already: their addresses are labels and nothing may be sent to them.
 */
public final class BenchTargets {
    private BenchTargets() {
    }

    /** {@code http://<address of the LB's VM>:<listen port>/}. */
    public static String urlFor(Site site, LoadBalancer lb, Vm lbVm) {
        refuseDemo(site, "load balancer " + lb.name());
        if (lbVm == null || blank(lbVm.address())) {
            throw new BenchmarkException("Load balancer " + lb.name() + " has no VM with an address to send load to; "
                    + "set the VM's address first.");
        }
        return "http://" + hostPart(lbVm.address()) + (lb.listenPort() == 80 ? "" : ":" + lb.listenPort()) + "/";
    }

    public static String urlFor(Site site, Vm vm) {
        refuseDemo(site, "VM " + vm.name());
        if (blank(vm.address())) {
            throw new BenchmarkException("VM " + vm.name() + " has no address yet; set it, or type the URL.");
        }
        return "http://" + hostPart(vm.address()) + "/";
    }

    public static String urlFor(Site site, Host host) {
        refuseDemo(site, "host " + host.name());
        return "http://" + hostPart(host.address()) + "/";
    }

    private static void refuseDemo(Site site, String what) {
        if (site != null && site.isDemo()) {
            throw new BenchmarkException("The " + what + " is in the demo lab: its address is a label and ClusterDeck "
                    + "sends no load to it. Benchmark a lab host (" + org.clusterdeck.text.Invocation.asRoot("lab up") + ") or a loopback URL instead.");
        }
    }

    private static String hostPart(String address) {
        String a = address.strip();
        return a.contains(":") && !a.startsWith("[") ? "[" + a + "]" : a;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
