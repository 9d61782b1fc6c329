package org.clusterdeck.lab;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * The lab's piece of the root namespace: first an {@code unreachable} route for the whole lab
 * range (so nothing addressed to it can leave the machine), then a bridge carrying the lab's /24
 * as a more specific route. Every address is checked with {@code ip route get} before traffic.
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
        LocalCommand.check(ip, "addr", "add", layout.gateway() + "/24", "dev", layout.bridge());
        LocalCommand.check(ip, "link", "set", layout.bridge(), "up");
        // another lab's 'down' may have removed the shared route just before our bridge existed
        addSafetyRoute();
    }

    private void addSafetyRoute() {
        for (String route : LocalCommand.run(ip, "route", "show", "root", LabLayout.RANGE).stdout().split("\n")) {
            if (!route.isBlank() && !route.startsWith("unreachable ") && !route.matches(".* dev " + LabLayout.NAME_PREFIX + "\\d+ .*")) {
                throw new LabException("The lab range " + LabLayout.RANGE + " is already used on this machine ("
                        + route.strip() + "), so lab traffic could leave it. The lab was not started.");
            }
        }
        if (!safetyRoutePresent()) {
            LocalCommand.Result r = LocalCommand.run(ip, "route", "add", "unreachable", LabLayout.RANGE);
            if (!r.ok() && !safetyRoutePresent()) {
                throw new LabException("Cannot add the safety route 'unreachable " + LabLayout.RANGE + "': "
                        + r.reason() + ". The lab was not started.");
            }
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
        boolean otherLabs = linkNames().stream().anyMatch(l -> l.matches(LabLayout.NAME_PREFIX + "\\d+"));
        if (!otherLabs) {
            LocalCommand.run(ip, "route", "del", "unreachable", LabLayout.RANGE);
        }
    }

    boolean bridgeExists() {
        return linkNames().contains(layout.bridge());
    }

    static boolean safetyRoutePresent() {
        return LocalCommand.run(LabPreflight.IP.toString(), "route", "show", LabLayout.RANGE).stdout().contains("unreachable");
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
