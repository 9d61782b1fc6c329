package org.clusterdeck.lab;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names and addresses of one lab, all derived from its index k (1-250) and its range A.B.0.0/16
 * (10.213.0.0/16 unless {@code lab up --range} chose another): subnet A.B.k.0/24, bridge
 * {@code cdlab<k>} at .1, host i the container {@code cdlab<k>-h<i>} at .(10+i), its state under
 * {@code /run/clusterdeck-lab/lab<k>/h<i>}. Stale pieces are found again by these names after a crash.
 */
public record LabLayout(int index, Path stateDir, String hostPrefix, String range) {
    /** The lab's default private range; an unreachable route for it keeps lab traffic on the machine. */
    public static final String RANGE = "10.213.0.0/16";
    public static final String NAME_PREFIX = "cdlab";
    public static final int MAX_HOSTS = 200;
    /** Root-owned 0700 parent of every lab's state (never a directory a user owns). */
    public static final Path STATE_ROOT = Path.of("/run/clusterdeck-lab");

    private static final Pattern SLASH16 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.0\\.0/16");

    public LabLayout {
        if (index < 1 || index > 250) {
            throw new IllegalArgumentException("lab index " + index + " is outside 1-250");
        }
        hostPrefix = hostPrefix == null ? "lab" : hostPrefix;
        range = range == null ? RANGE : range;
        stateDir = stateDir == null ? STATE_ROOT.resolve("lab" + index) : stateDir;
        checkRange(range);
    }

    /** The lab index k with its state in the standard place and the default range. */
    public LabLayout(int index, String hostPrefix) {
        this(index, null, hostPrefix, null);
    }

    /** A lab whose state lives in {@code stateDir} (tests of the state directory's checks). */
    public LabLayout(int index, Path stateDir, String hostPrefix) {
        this(index, stateDir, hostPrefix, null);
    }

    /** The same lab in another range. */
    public LabLayout withRange(String otherRange) {
        return new LabLayout(index, stateDir, hostPrefix, otherRange);
    }

    /**
     * Refuses anything but a private /16 written as A.B.0.0/16, so that the lab's own /24s
     * (A.B.k.0/24) always lie inside the range its unreachable route covers.
     */
    public static String checkRange(String range) {
        Matcher m = SLASH16.matcher(range == null ? "" : range.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("The lab range must be a /16 written like 10.213.0.0/16, not '" + range + "'.");
        }
        int a = Integer.parseInt(m.group(1));
        int b = Integer.parseInt(m.group(2));
        boolean privateRange = a == 10 || (a == 172 && b >= 16 && b <= 31) || (a == 192 && b == 168);
        if (!privateRange) {
            throw new IllegalArgumentException("The lab range " + range + " is not private (10.x, 172.16-31.x or 192.168.x):"
                    + " lab addresses must never be someone else's. Choose e.g. 10.214.0.0/16.");
        }
        return range.strip();
    }

    private String net16() {
        return range.substring(0, range.indexOf(".0.0/16"));
    }

    public String subnet() {
        return net16() + "." + index + ".0/24";
    }

    public String gateway() {
        return net16() + "." + index + ".1";
    }

    public String bridge() {
        return NAME_PREFIX + index;
    }

    /** Prefix of this lab's container (machine) names, e.g. "cdlab1-h". */
    public String namespacePrefix() {
        return NAME_PREFIX + index + "-h";
    }

    /** Host i's container (machine) name, e.g. "cdlab1-h2"; the name LabHost.namespace() reports. */
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
        return net16() + "." + index + "." + (10 + host);
    }

    /** Inventory and host name of a plain host, e.g. "lab1". */
    public String hostName(int host) {
        return hostPrefix + host;
    }

    public Path hostDir(int host) {
        return stateDir.resolve("h" + host);
    }

    public Path keyFile() {
        return stateDir.resolve("lab_ed25519");
    }

    /**
     * Host i's {@code /etc} as seen from this machine, through the host's overlay (its merged root).
     * For tests that inspect a lab host's files; {@code namespace} is the container name.
     */
    public static Path netnsEtc(String namespace) {
        Matcher m = Pattern.compile(NAME_PREFIX + "(\\d{1,3})-h(\\d{1,3})").matcher(namespace);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a lab host name: " + namespace);
        }
        return STATE_ROOT.resolve("lab" + m.group(1)).resolve("h" + m.group(2)).resolve("root/etc");
    }
}
