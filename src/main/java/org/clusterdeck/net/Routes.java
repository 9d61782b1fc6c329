package org.clusterdeck.net;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the kernel says about the way to an address ({@code ip route get}). */
public final class Routes {
    private static final Pattern DEV = Pattern.compile("\\bdev\\s+(\\S+)");

    /** Asks the kernel which way an address would go; returns the first line of {@code ip route get}. */
    @FunctionalInterface
    public interface Lookup {
        String routeOf(InetAddress address) throws IOException;
    }

    /** The real {@code ip route get}. */
    public static final Lookup IP_ROUTE_GET = Routes::ipRouteGet;

    private Routes() {
    }

    /** True when the route has no gateway and leaves through {@code link}, i.e. the traffic stays on this machine's link. */
    public static boolean staysOnLink(String route, String link) {
        if (route == null || route.isBlank()) {
            return false;
        }
        String line = route.lines().findFirst().orElse("").strip();
        if (line.startsWith("unreachable") || line.startsWith("blackhole") || line.startsWith("prohibit")
                || line.contains(" via ")) {
            return false;
        }
        Matcher m = DEV.matcher(line);
        return m.find() && m.group(1).equals(link);
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
