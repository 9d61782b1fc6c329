package org.clusterdeck.scan;

import java.util.BitSet;

/** TCP ports to scan, parsed from "22,80,443", "1-1024,8080" or "1-65535" (nmap's -p syntax without names). */
public final class PortSet {
    private final BitSet ports;

    private PortSet(BitSet ports) {
        this.ports = ports;
    }

    /** Every port, 1 to 65535. */
    public static PortSet all() {
        BitSet b = new BitSet(65536);
        b.set(1, 65536);
        return new PortSet(b);
    }

    /**
     * Parses a list of ports and ranges; {@code -} alone means every port. Throws
     * {@link IllegalArgumentException} naming the bad part and the accepted form.
     */
    public static PortSet parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("no ports given; write e.g. 22,80,443 or 1-65535");
        }
        if (spec.strip().equals("-")) {
            return all();
        }
        BitSet b = new BitSet(65536);
        for (String part : spec.split(",", -1)) {
            String p = part.strip();
            int dash = p.indexOf('-');
            int from;
            int to;
            if (dash < 0) {
                from = port(p, spec);
                to = from;
            } else {
                from = dash == 0 ? 1 : port(p.substring(0, dash), spec);
                to = dash == p.length() - 1 ? 65535 : port(p.substring(dash + 1), spec);
                if (from > to) {
                    throw new IllegalArgumentException("the range '" + p + "' runs backwards; write it as " + to + "-" + from);
                }
            }
            b.set(from, to + 1);
        }
        return new PortSet(b);
    }

    private static int port(String s, String spec) {
        String t = s.strip();
        if (!t.matches("[0-9]{1,5}")) {
            throw new IllegalArgumentException("'" + org.clusterdeck.text.TerminalText.line(t) + "' in '"
                    + org.clusterdeck.text.TerminalText.line(spec) + "' is not a port number; write ports 1-65535 "
                    + "as a list and ranges, e.g. 22,80,443 or 1-1024");
        }
        int n = Integer.parseInt(t);
        if (n < 1 || n > 65535) {
            throw new IllegalArgumentException("port " + n + " is out of range; ports are 1 to 65535");
        }
        return n;
    }

    public int size() {
        return ports.cardinality();
    }

    public boolean contains(int port) {
        return port >= 0 && port < 65536 && ports.get(port);
    }

    /** The ports in ascending order. */
    public int[] toArray() {
        return ports.stream().toArray();
    }
}
