package org.clusterdeck.bench;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Network safety for load: a target must resolve to loopback (127.0.0.0/8, ::1) or to an address
 * in a {@link LabRoutes} allow-list that was checked with {@code ip route get}. Everything else is
 * refused before a single packet is sent.
 */
public final class TargetGuard {
    private TargetGuard() {
    }

    public static InetAddress resolve(String host, LabRoutes lab) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] all;
        try {
            all = InetAddress.getAllByName(h);
        } catch (UnknownHostException e) {
            throw new BenchmarkException("Unknown host '" + Header.printable(h)
                    + "': it does not resolve. Check the spelling, or use an address such as 127.0.0.1.", e);
        }
        for (InetAddress a : all) {
            if (a.isLoopbackAddress() || lab.allows(a)) {
                return a;
            }
        }
        throw new BenchmarkException("Refusing to send load to " + Header.printable(h) + " (" + all[0].getHostAddress()
                + "): ClusterDeck benchmarks only loopback addresses (127.0.0.0/8, ::1) and lab hosts whose "
                + "route stays on this machine. Start a lab (" + org.clusterdeck.text.Invocation.asRoot("lab up") + ") or use 127.0.0.1.");
    }
}
