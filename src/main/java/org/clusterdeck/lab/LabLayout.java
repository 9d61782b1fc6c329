package org.clusterdeck.lab;

import java.nio.file.Path;

/**
 * Names and addresses of one lab, all derived from its index k (1-250): subnet 10.213.k.0/24
 * inside the lab range 10.213.0.0/16, bridge {@code cdlab<k>} at .1, host i in namespace
 * {@code cdlab<k>-h<i>} at .(10+i). Stale pieces are found again by these names after a crash.
 */
public record LabLayout(int index, Path stateDir, String hostPrefix) {
    /** The one private range the lab uses; an unreachable route for it keeps lab traffic on the machine. */
    public static final String RANGE = "10.213.0.0/16";
    public static final String NAME_PREFIX = "cdlab";
    public static final int MAX_HOSTS = 200;

    public LabLayout {
        if (index < 1 || index > 250) {
            throw new IllegalArgumentException("lab index " + index + " is outside 1-250");
        }
        hostPrefix = hostPrefix == null ? "lab" : hostPrefix;
    }

    public String subnet() {
        return "10.213." + index + ".0/24";
    }

    public String gateway() {
        return "10.213." + index + ".1";
    }

    public String bridge() {
        return NAME_PREFIX + index;
    }

    /** Prefix of this lab's namespace names, e.g. "cdlab1-h". */
    public String namespacePrefix() {
        return NAME_PREFIX + index + "-h";
    }

    public String namespace(int host) {
        return namespacePrefix() + host;
    }

    /** Root-namespace end of host i's veth pair (at most 15 characters, as Linux requires). */
    public String vethPrefix() {
        return "cdl" + index + "h";
    }

    public String veth(int host) {
        return vethPrefix() + host;
    }

    public String address(int host) {
        return "10.213." + index + "." + (10 + host);
    }

    /** Inventory and host name, e.g. "lab1". */
    public String hostName(int host) {
        return hostPrefix + host;
    }

    public Path hostDir(int host) {
        return stateDir.resolve("h" + host);
    }

    public Path keyFile() {
        return stateDir.resolve("lab_ed25519");
    }

    public static Path netnsEtc(String namespace) {
        return Path.of("/etc/netns", namespace);
    }

    /**
     * The lab index k when {@code address} is a host address of a lab (10.213.k.x, k 1-250, x 2-254),
     * else -1. Says nothing about whether that lab runs: the route check does.
     */
    public static int indexOfAddress(java.net.InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length != 4 || (b[0] & 0xff) != 10 || (b[1] & 0xff) != 213) {
            return -1;
        }
        int k = b[2] & 0xff;
        int x = b[3] & 0xff;
        return k >= 1 && k <= 250 && x >= 2 && x <= 254 ? k : -1;
    }
}
