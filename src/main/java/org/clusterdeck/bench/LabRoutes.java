package org.clusterdeck.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The only way to let the engine send load to a non-loopback address: every address is checked
 * with {@code ip route get} and accepted only when its route leaves through one of the lab's own
 * links with no gateway, so the traffic stays on this machine.
 */
public final class LabRoutes {
    private static final Pattern DEV = Pattern.compile("\\bdev\\s+(\\S+)");
    private static final LabRoutes NONE = new LabRoutes(Set.of());

    /** Asks the kernel which way an address would go; returns the first line of {@code ip route get}. */
    @FunctionalInterface
    public interface RouteLookup {
        String routeOf(InetAddress address) throws IOException;
    }

    private final Set<InetAddress> allowed;

    private LabRoutes(Set<InetAddress> allowed) {
        this.allowed = Set.copyOf(allowed);
    }

    /** Loopback only: the default for everything. */
    public static LabRoutes none() {
        return NONE;
    }

    /** Checks each address with the real {@code ip route get}. */
    public static LabRoutes verify(Collection<InetAddress> addresses, Set<String> labLinks) {
        return verify(addresses, labLinks, LabRoutes::ipRouteGet);
    }

    /** Checks each address; throws naming the first one whose route does not stay on a lab link. */
    public static LabRoutes verify(Collection<InetAddress> addresses, Set<String> labLinks, RouteLookup lookup) {
        Set<InetAddress> ok = new HashSet<>();
        for (InetAddress a : addresses) {
            String route;
            try {
                route = lookup.routeOf(a);
            } catch (IOException e) {
                throw new BenchmarkException("Cannot check the route to " + a.getHostAddress() + " (" + e.getMessage()
                        + "); install iproute2 or benchmark a loopback address.", e);
            }
            if (!staysOnLabLink(route, labLinks)) {
                throw new BenchmarkException("Refusing lab address " + a.getHostAddress() + ": its route ("
                        + Header.printable(route == null ? "none" : route.strip())
                        + ") does not stay on a lab link " + labLinks + ".");
            }
            ok.add(a);
        }
        return new LabRoutes(ok);
    }

    /** True when the route has no gateway and leaves through one of {@code labLinks}. */
    static boolean staysOnLabLink(String route, Set<String> labLinks) {
        if (route == null || route.isBlank()) {
            return false;
        }
        String line = route.lines().findFirst().orElse("").strip();
        if (line.startsWith("unreachable") || line.startsWith("blackhole") || line.startsWith("prohibit")
                || line.contains(" via ")) {
            return false;
        }
        Matcher m = DEV.matcher(line);
        return m.find() && labLinks.contains(m.group(1));
    }

    public boolean allows(InetAddress address) {
        return allowed.contains(address);
    }

    private static String ipRouteGet(InetAddress a) throws IOException {
        // argv, never a shell: the address is a parsed InetAddress, printed back by Java
        Process p = new ProcessBuilder(List.of("ip", "route", "get", a.getHostAddress())).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("ip route get timed out");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                if (out.contains("unreachable") || out.contains("No route")) {
                    return "unreachable: " + out.strip(); // a definite answer: no route, so not a lab link
                }
                throw new IOException(out.strip());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }
}
