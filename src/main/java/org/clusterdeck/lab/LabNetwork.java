package org.clusterdeck.lab;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * The lab's piece of the root namespace: first an {@code unreachable} route for the whole lab
 * range (so nothing addressed to it can leave the machine; refused when any route covers or
 * overlaps the range), then a bridge carrying the lab's /24 as a more specific route, with
 * forwarding off. Every address is checked with {@code ip route get} before traffic.
 */
final class LabNetwork {
    private final LabLayout layout;
    private final String ip = LabPreflight.IP.toString();

    LabNetwork(LabLayout layout) {
        this.layout = layout;
    }

    void up() {
        addSafetyRoute();
        LocalCommand.check(ip, "link", "add", layout.bridge(), "type", "bridge");
        // a fixed address: otherwise the bridge takes its lowest port's MAC, which changes as hosts
        // join, and a host that learnt the old one answers into nowhere until its ARP entry expires
        LocalCommand.check(ip, "link", "set", layout.bridge(), "address", String.format("02:cd:1a:b0:%02x:01", layout.index()));
        LocalCommand.check(ip, "addr", "add", layout.gateway() + "/24", "dev", layout.bridge());
        // packets from lab hosts are never forwarded beyond the machine, even if root inside adds a route
        LocalCommand.run(LabPreflight.SYSCTL.toString(), "-q", "-w", "net.ipv4.conf." + layout.bridge() + ".forwarding=0");
        LocalCommand.check(ip, "link", "set", layout.bridge(), "up");
        // another lab's 'down' may have removed the shared route just before our bridge existed
        addSafetyRoute();
    }

    private void addSafetyRoute() {
        String conflict = conflictingRoute(layout.range());
        if (conflict != null) {
            throw new LabException("The lab range " + layout.range() + " overlaps a route of this machine ("
                    + conflict + "): the lab's unreachable route would cut that network off, or lab traffic could"
                    + " leave the machine. The lab was not started. Choose a free range, e.g. '" + org.clusterdeck.text.Invocation.command("lab up --range ")
                    + suggestRange(layout.range()) + "'.");
        }
        if (!safetyRoutePresent(layout.range())) {
            LocalCommand.Result r = LocalCommand.run(ip, "route", "add", "unreachable", layout.range());
            if (!r.ok() && !safetyRoutePresent(layout.range())) {
                throw new LabException("Cannot add the safety route 'unreachable " + layout.range() + "': "
                        + r.reason() + ". The lab was not started.");
            }
        }
    }

    /**
     * The first route (any routing table, so policy routing is covered too) or policy rule that
     * covers, or lies inside, {@code range}, other than the default route and the labs' own
     * pieces; null when there is none. {@code ip route show root} alone misses covering routes
     * such as a VPN's 10.0.0.0/8.
     */
    static String conflictingRoute(String range) {
        Cidr lab = Cidr.parse(range);
        String routes = LocalCommand.run(LabPreflight.IP.toString(), "-4", "route", "show", "table", "all").stdout();
        for (String line : routes.split("\n")) {
            String route = line.strip();
            if (route.isEmpty() || route.matches(".* dev " + LabLayout.NAME_PREFIX + "\\d+( .*)?")
                    || route.equals("unreachable " + range)) {
                continue;
            }
            Cidr dest = Cidr.parse(destination(route));
            if (dest != null && dest.bits() > 0 && dest.overlaps(lab)) {
                return route;
            }
        }
        String rules = LocalCommand.run(LabPreflight.IP.toString(), "-4", "rule", "show").stdout();
        for (String line : rules.split("\n")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile(" to (\\S+)").matcher(line);
            if (m.find()) {
                Cidr to = Cidr.parse(m.group(1));
                if (to != null && to.overlaps(lab)) {
                    return "policy rule '" + line.strip() + "'";
                }
            }
        }
        return null;
    }

    /** The destination of an {@code ip route} line: the first word after an optional route type. */
    private static String destination(String route) {
        String[] w = route.split("\\s+");
        int i = w[0].matches("unicast|local|broadcast|multicast|unreachable|blackhole|prohibit|throw|anycast|nat") ? 1 : 0;
        return i < w.length ? w[i] : "";
    }

    private static String suggestRange(String taken) {
        for (int b = 214; b < 256; b++) {
            String candidate = "10." + b + ".0.0/16";
            if (!candidate.equals(taken) && conflictingRoute(candidate) == null) {
                return candidate;
            }
        }
        return "172.31.0.0/16";
    }

    /** An IPv4 prefix, for overlap tests. */
    record Cidr(long base, int bits) {
        static Cidr parse(String text) {
            if (text == null || text.equals("default")) {
                return text == null ? null : new Cidr(0, 0);
            }
            String[] parts = text.split("/");
            String[] octets = parts[0].split("\\.");
            if (octets.length != 4) {
                return null;
            }
            try {
                long v = 0;
                for (String o : octets) {
                    int n = Integer.parseInt(o);
                    if (n < 0 || n > 255) {
                        return null;
                    }
                    v = (v << 8) | n;
                }
                int bits = parts.length > 1 ? Integer.parseInt(parts[1]) : 32;
                return new Cidr(v & mask(bits), bits);
            } catch (NumberFormatException e) {
                return null;
            }
        }

        private static long mask(int bits) {
            return bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
        }

        boolean overlaps(Cidr other) {
            int shorter = Math.min(bits, other.bits);
            return (base & mask(shorter)) == (other.base & mask(shorter));
        }
    }

    /** Throws unless the kernel routes {@code address} to this lab's bridge (so packets stay here). */
    void requireLocalRoute(String address) {
        LocalCommand.Result r = LocalCommand.run(ip, "route", "get", address);
        if (!r.ok() || !r.stdout().contains("dev " + layout.bridge() + " ")) {
            throw new LabException("Refusing to send traffic to " + address + ": 'ip route get' says "
                    + (r.ok() ? r.stdout().strip() : r.reason()) + ", not the lab bridge " + layout.bridge() + ".");
        }
    }

    /** Waits until sshd accepts TCP connections at the address (route checked first). */
    void awaitPort(String address, int port, long timeoutMillis) {
        requireLocalRoute(address);
        long deadline = System.currentTimeMillis() + timeoutMillis;
        IOException last = null;
        while (System.currentTimeMillis() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(address, port), 200);
                return;
            } catch (IOException e) {
                last = e;
                sleep(20);
            }
        }
        throw new LabException("sshd at " + address + ":" + port + " did not start accepting connections within "
                + timeoutMillis + " ms" + (last == null ? "" : " (" + last.getMessage() + ")") + ".");
    }

    boolean portOpen(String address, int port) {
        try {
            requireLocalRoute(address);
        } catch (LabException e) {
            return false;
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Removes this lab's bridge and stray veth ends, then the safety route if no other lab uses the range. */
    void down() {
        for (String link : linkNames()) {
            if (link.startsWith(layout.vethPrefix()) && link.substring(layout.vethPrefix().length()).matches("\\d+")) {
                LocalCommand.run(ip, "link", "del", link);
            }
        }
        if (linkNames().contains(layout.bridge())) {
            LocalCommand.run(ip, "link", "del", layout.bridge());
        }
        if (!otherLabInRange()) {
            LocalCommand.run(ip, "route", "del", "unreachable", layout.range());
        }
    }

    boolean bridgeExists() {
        return linkNames().contains(layout.bridge());
    }

    /** Whether another lab's bridge carries an address inside this lab's range (then the safety route stays). */
    private boolean otherLabInRange() {
        Cidr lab = Cidr.parse(layout.range());
        for (String line : LocalCommand.run(ip, "-o", "-4", "addr", "show").stdout().split("\n")) {
            String[] w = line.strip().split("\\s+");
            if (w.length > 3 && w[1].matches(LabLayout.NAME_PREFIX + "\\d+") && !w[1].equals(layout.bridge())) {
                Cidr a = Cidr.parse(w[3]);
                if (a != null && new Cidr(a.base(), 32).overlaps(lab)) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean safetyRoutePresent(String range) {
        return LocalCommand.run(LabPreflight.IP.toString(), "route", "show", range).stdout().contains("unreachable");
    }

    /** Names of the links in the root namespace ("eth0", "cdlab1", ...). */
    static List<String> linkNames() {
        List<String> names = new ArrayList<>();
        for (String line : LocalCommand.run(LabPreflight.IP.toString(), "-o", "link", "show").stdout().split("\n")) {
            String[] parts = line.split(":\\s+", 3);
            if (parts.length >= 2) {
                String name = parts[1];
                int at = name.indexOf('@');
                names.add(at >= 0 ? name.substring(0, at) : name);
            }
        }
        return names;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("Interrupted while waiting for a lab host.", e);
        }
    }
}
