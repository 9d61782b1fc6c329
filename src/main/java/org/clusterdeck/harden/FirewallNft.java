package org.clusterdeck.harden;

import java.util.List;

/**
 * Renders a {@link FirewallPolicy} as ClusterDeck's own nftables table {@code inet clusterdeck}
 * (one table for IPv4 and IPv6, so IPv6 is never left open). Other tables' base chains on the
 * input hook run too: a packet must pass every one of them, so their drops still drop and their
 * accepts do not override this table's default drop.
 */
public final class FirewallNft {
    /** The file nftables.conf includes at boot (created by the step, with the same table). */
    public static final String FILE = "/etc/clusterdeck/firewall.nft";

    private FirewallNft() {
    }

    /** The table's text, starting with {@code table inet clusterdeck {} as the change engine expects. */
    public static String render(FirewallPolicy p) {
        StringBuilder sb = new StringBuilder("table inet clusterdeck {\n");
        if (p.sshRateLimit() != null) {
            for (String fam : List.of("4", "6")) {
                sb.append("\tset ssh_meter").append(fam).append(" {\n\t\ttype ipv").append(fam).append("_addr\n")
                        .append("\t\tsize 65535\n\t\tflags dynamic,timeout\n\t\ttimeout ").append(timeout(p.sshRateLimit())).append("\n\t}\n\n");
            }
        }
        sb.append("\tchain input {\n");
        sb.append("\t\ttype filter hook input priority filter; policy drop;\n");
        sb.append("\t\tiif \"lo\" accept\n");
        sb.append("\t\tct state established,related accept\n");
        sb.append("\t\tct state invalid drop\n");
        // ICMP essentials: path MTU discovery (destination-unreachable carries fragmentation-needed), traceroute, errors
        sb.append("\t\ticmp type { destination-unreachable, time-exceeded, parameter-problem } accept\n");
        sb.append("\t\ticmp type echo-request limit rate ").append(FirewallPolicy.PING_PER_SECOND).append("/second burst ")
                .append(FirewallPolicy.PING_BURST).append(" packets accept\n");
        // RFC 4890 section 4.4: errors, neighbour discovery (only on-link: hop limit 255), MLD from link-local
        sb.append("\t\ticmpv6 type { destination-unreachable, packet-too-big, time-exceeded, parameter-problem } accept\n");
        sb.append("\t\ticmpv6 type { nd-router-solicit, nd-router-advert, nd-neighbor-solicit, nd-neighbor-advert,"
                + " ind-neighbor-solicit, ind-neighbor-advert } ip6 hoplimit 255 accept\n");
        sb.append("\t\tip6 saddr fe80::/10 icmpv6 type { mld-listener-query, mld-listener-report, mld-listener-done,"
                + " mld2-listener-report } accept\n");
        sb.append("\t\ticmpv6 type echo-request limit rate ").append(FirewallPolicy.PING_PER_SECOND).append("/second burst ")
                .append(FirewallPolicy.PING_BURST).append(" packets accept\n");
        if (p.sshRateLimit() != null) {
            String rate = p.sshRateLimit().nft() + " burst " + p.sshRateLimit().count() + " packets";
            sb.append("\t\ttcp dport ").append(p.sshPort()).append(" ct state new update @ssh_meter4 { ip saddr limit rate over ")
                    .append(rate).append(" } drop\n");
            sb.append("\t\ttcp dport ").append(p.sshPort()).append(" ct state new update @ssh_meter6 { ip6 saddr limit rate over ")
                    .append(rate).append(" } drop\n");
        }
        for (FirewallPolicy.Rule r : p.rules()) {
            String ports = r.proto() + " dport " + (r.from() == r.to() ? r.from() : r.from() + "-" + r.to()) + " accept";
            if (r.anywhere()) {
                sb.append("\t\t").append(ports).append('\n');
                continue;
            }
            for (boolean v6 : List.of(false, true)) {
                List<FirewallSource> s = r.sources(v6);
                if (!s.isEmpty()) {
                    sb.append("\t\t").append(v6 ? "ip6" : "ip").append(" saddr { ")
                            .append(String.join(", ", s.stream().map(FirewallSource::nft).toList())).append(" } ").append(ports).append('\n');
                }
            }
        }
        sb.append("\t}\n}\n");
        return sb.toString();
    }

    /** A source's meter entry outlives the limit's window, so a burst cannot reset it by waiting for expiry. */
    private static String timeout(FirewallOptions.RateLimit r) {
        return switch (r.unit()) {
            case "second" -> "1m";
            case "minute" -> "10m";
            default -> "2h";
        };
    }

    /** The file nftables.conf includes: replaces our table whole when loaded again, so it never doubles. */
    static String bootFile(String table) {
        return "#!/usr/sbin/nft -f\n# ClusterDeck's firewall (hardening step); loaded by the include in nftables.conf.\n"
                + "table inet clusterdeck\ndelete table inet clusterdeck\n" + table;
    }

    /** {@code conf} with one include line for {@link #FILE} added at its end (unchanged when it is there already). */
    static String withInclude(String conf) {
        String line = "include \"" + FILE + "\"";
        if (conf != null && conf.lines().anyMatch(l -> l.strip().equals(line))) {
            return conf;
        }
        String base = conf == null || conf.isEmpty() ? "#!/usr/sbin/nft -f\n" : conf.endsWith("\n") ? conf : conf + "\n";
        return base + "# ClusterDeck's firewall table (hardening step)\n" + line + "\n";
    }
}
