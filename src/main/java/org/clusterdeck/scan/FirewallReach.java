package org.clusterdeck.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a host's own input firewall keeps a TCP port closed to other hosts, read from
 * {@code nft list ruleset} ("nft " lines) and {@code iptables -S INPUT} / {@code ip6tables -S INPUT}
 * ("v4 " / "v6 " lines). A port is closed for an address family when some input base chain of that
 * family drops by policy and none of its rules may accept the port. Cautious by design: a rule it
 * does not understand (a jump, a named set, a negation, an accept without a port) counts as
 * letting the port in, so a listener is never called closed when it might not be.
 */
final class FirewallReach {
    private static final Pattern TABLE = Pattern.compile("^table (\\S+) (\\S+) \\{$");
    private static final Pattern CHAIN = Pattern.compile("^chain (\\S+) \\{$");
    private static final Pattern NFT_DPORT = Pattern.compile("(?:tcp|th) dport (!= )?(\\{[^}]*}|\\S+)");
    private static final Pattern IPT_DPORT = Pattern.compile("(! )?--dports? (\\S+)");

    /** One input base chain: the families it filters, whether its policy drops, its rules as printed. */
    record Chain(boolean v4, boolean v6, boolean drops, List<String> rules, boolean nft) {
    }

    private final List<Chain> chains;

    private FirewallReach(List<Chain> chains) {
        this.chains = List.copyOf(chains);
    }

    static FirewallReach parse(List<String> lines) {
        List<Chain> out = new ArrayList<>();
        parseNft(lines.stream().filter(l -> l.startsWith("nft ")).map(l -> l.substring(4).strip()).toList(), out);
        for (String fam : List.of("v4", "v6")) {
            List<String> ipt = lines.stream().filter(l -> l.startsWith(fam + " ")).map(l -> l.substring(3).strip()).toList();
            boolean drops = ipt.stream().anyMatch(l -> l.equals("-P INPUT DROP"));
            List<String> rules = ipt.stream().filter(l -> l.startsWith("-A INPUT")).toList();
            if (!ipt.isEmpty()) {
                out.add(new Chain(fam.equals("v4"), fam.equals("v6"), drops, rules, false));
            }
        }
        return new FirewallReach(out);
    }

    private static void parseNft(List<String> lines, List<Chain> out) {
        int depth = 0;
        boolean v4 = false;
        boolean v6 = false;
        boolean inChain = false;
        boolean input = false;
        boolean drops = false;
        List<String> rules = new ArrayList<>();
        for (String l : lines) {
            int opens = count(l, '{');
            int closes = count(l, '}');
            if (depth == 0) {
                Matcher t = TABLE.matcher(l);
                if (t.matches()) {
                    v4 = t.group(1).equals("ip") || t.group(1).equals("inet");
                    v6 = t.group(1).equals("ip6") || t.group(1).equals("inet");
                }
                depth += opens - closes;
            } else if (depth == 1 && CHAIN.matcher(l).matches()) {
                inChain = true;
                input = false;
                drops = false;
                rules = new ArrayList<>();
                depth = 2;
            } else if (inChain && depth == 2 && l.equals("}")) {
                if (input && (v4 || v6)) {
                    out.add(new Chain(v4, v6, drops, rules, true));
                }
                inChain = false;
                depth = 1;
            } else if (inChain && depth == 2 && opens == closes) {
                if (l.startsWith("type ") && l.contains(" hook ")) {
                    input = l.contains("hook input");
                    drops = l.contains("policy drop");
                } else if (!l.isEmpty() && !l.startsWith("#")) {
                    rules.add(l);
                }
            } else {
                depth = Math.max(0, depth + opens - closes);
            }
        }
    }

    private static int count(String s, char c) {
        return (int) s.chars().filter(x -> x == c).count();
    }

    /** Whether TCP {@code port} is closed to other hosts for every family the listener is reachable by. */
    boolean closed(int port, boolean v4, boolean v6) {
        return (!v4 || closedFor(port, true)) && (!v6 || closedFor(port, false));
    }

    private boolean closedFor(int port, boolean v4) {
        return chains.stream().anyMatch(c -> (v4 ? c.v4() : c.v6()) && c.drops()
                && c.rules().stream().noneMatch(r -> c.nft() ? nftMayAccept(r, port) : iptablesMayAccept(r, port)));
    }

    static boolean nftMayAccept(String rule, int port) {
        String r = " " + rule + " ";
        if (r.contains(" jump ") || r.contains(" goto ")) {
            return true;
        }
        if (!r.contains(" accept ")) {
            return false;
        }
        Matcher m = NFT_DPORT.matcher(rule);
        if (m.find()) {
            return m.group(1) != null || covers(m.group(2).replaceAll("[{}\\s]", ""), ",", "-", port);
        }
        if (r.matches(".* (udp|icmp|icmpv6) .*") && !r.contains(" tcp ")) {
            return false;
        }
        return !(r.contains(" iif \"lo\" ") || r.contains(" iifname \"lo\" ") || r.contains(" ct state invalid ")
                || r.matches(".* ct state \\{? ?(established|related)(, ?|,)(related|established) ?}? accept .*")
                || r.matches(".* ct state \\{? ?established ?}? accept .*")
                || r.contains(" meta l4proto icmp ") || r.contains(" meta l4proto ipv6-icmp ") || r.contains(" ip protocol icmp "));
    }

    static boolean iptablesMayAccept(String rule, int port) {
        Matcher j = Pattern.compile(" -[jg] (\\S+)").matcher(rule);
        if (!j.find()) {
            return false;
        }
        String target = j.group(1);
        if (!target.equals("ACCEPT")) {
            return !Set.of("DROP", "REJECT", "LOG", "RETURN").contains(target);
        }
        String r = rule + " ";
        if (r.matches(".* -p (udp|icmp|ipv6-icmp|icmpv6) .*")) {
            return false;
        }
        Matcher m = IPT_DPORT.matcher(rule);
        if (m.find()) {
            return m.group(1) != null || covers(m.group(2), ",", ":", port);
        }
        return !(r.contains(" -i lo ") || r.matches(".* --(ct)?state (RELATED,ESTABLISHED|ESTABLISHED,RELATED|ESTABLISHED|INVALID) .*"));
    }

    /** "22,80,8000-8100" covers {@code port}; anything else (a named set, a service name) may. */
    private static boolean covers(String spec, String sep, String range, int port) {
        for (String part : spec.split(Pattern.quote(sep))) {
            String[] lo = part.split(Pattern.quote(range), 2);
            if (!lo[0].matches("\\d{1,5}") || (lo.length == 2 && !lo[1].matches("\\d{1,5}"))) {
                return true;
            }
            int a = Integer.parseInt(lo[0]);
            int b = lo.length == 2 ? Integer.parseInt(lo[1]) : a;
            if (port >= a && port <= b) {
                return true;
            }
        }
        return false;
    }
}
