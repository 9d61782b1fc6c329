package org.clusterdeck.harden;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * One source address or block a firewall rule lets in, parsed strictly (an IPv4 or IPv6 literal,
 * optionally with a prefix length; never a name, which the host would resolve later through
 * someone else's DNS) and kept in the spelling both parsers print back: host bits cleared,
 * IPv6 compressed (RFC 5952), so a ruleset reads back exactly as it was written.
 */
public record FirewallSource(boolean v6, String address, int bits) {
    /** {@code text} as a source, or a {@link HardenException} naming {@code field}. */
    public static FirewallSource parse(String field, String text) {
        String s = text == null ? "" : text.strip();
        String addr = s;
        int bits = -1;
        int slash = s.indexOf('/');
        if (slash >= 0) {
            addr = s.substring(0, slash);
            String len = s.substring(slash + 1);
            if (!len.matches("\\d{1,3}")) {
                throw bad(field, s, "the prefix length after '/' must be a number");
            }
            bits = Integer.parseInt(len);
        }
        boolean v6;
        if (addr.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            for (String part : addr.split("\\.")) {
                if (Integer.parseInt(part) > 255 || (part.length() > 1 && part.startsWith("0"))) {
                    throw bad(field, s, "each part of an IPv4 address is 0-255, without leading zeros");
                }
            }
            v6 = false;
        } else if (addr.contains(":") && addr.matches("[0-9A-Fa-f:.]+") && addr.length() <= 45) {
            v6 = true;
        } else {
            throw bad(field, s, "write an IP address or a block such as 10.0.0.5, 10.0.0.0/8 or 2001:db8::/32");
        }
        byte[] raw;
        try {
            raw = InetAddress.getByName(addr).getAddress();
        } catch (UnknownHostException e) {
            throw bad(field, s, "it is not a valid " + (v6 ? "IPv6" : "IPv4") + " address");
        }
        if (v6 && raw.length == 4) {
            throw bad(field, s, "an IPv4-mapped IPv6 address; write the IPv4 address itself");
        }
        int max = v6 ? 128 : 32;
        if (bits < 0) {
            bits = max;
        }
        if (bits > max) {
            throw bad(field, s, "the prefix length is 0-" + max + " for " + (v6 ? "IPv6" : "IPv4"));
        }
        BigInteger value = new BigInteger(1, raw);
        BigInteger mask = BigInteger.ONE.shiftLeft(max).subtract(BigInteger.ONE).shiftRight(bits).not();
        byte[] net = toBytes(value.and(mask), raw.length);
        return new FirewallSource(v6, v6 ? compress(net) : v4(net), bits);
    }

    /** Whether this is everything of its family (0.0.0.0/0, ::/0). */
    public boolean any() {
        return bits == 0;
    }

    /** nftables' spelling: a single address without its length, a block with it. */
    public String nft() {
        return bits == (v6 ? 128 : 32) ? address : address + "/" + bits;
    }

    /** iptables-save's spelling: always with the length. */
    public String iptables() {
        return address + "/" + bits;
    }

    /** Whether {@code ip} (an address literal) lies in this block. */
    public boolean contains(String ip) {
        try {
            FirewallSource a = parse("address", ip);
            if (a.v6 != v6) {
                return false;
            }
            return parse("address", ip + "/" + bits).address.equals(address);
        } catch (HardenException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return nft();
    }

    private static HardenException bad(String field, String s, String why) {
        return new HardenException(field + ": '" + printable(s) + "' is not an address or block: " + why + ".");
    }

    static String printable(String s) {
        String p = s.replaceAll("\\p{Cntrl}", "?");
        return p.length() > 60 ? p.substring(0, 57) + "..." : p;
    }

    private static byte[] toBytes(BigInteger v, int len) {
        byte[] out = new byte[len];
        byte[] b = v.toByteArray();
        for (int i = 0; i < Math.min(len, b.length); i++) {
            out[len - 1 - i] = b[b.length - 1 - i];
        }
        return out;
    }

    private static String v4(byte[] b) {
        return (b[0] & 255) + "." + (b[1] & 255) + "." + (b[2] & 255) + "." + (b[3] & 255);
    }

    /** RFC 5952: lower case, the longest run (two or more) of zero groups as "::", the first such run on a tie. */
    static String compress(byte[] b) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((b[2 * i] & 255) << 8) | (b[2 * i + 1] & 255);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }
}
