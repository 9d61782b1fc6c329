package org.clusterdeck.harden;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Renders a {@link FirewallPolicy} for iptables and ip6tables (both families: IPv6 is never left
 * open) in iptables-save's own spelling, so the change engine's read-back compares equal. The
 * change engine restores whole saved rulesets, so the planned ruleset is the host's FULL current
 * save with only the filter table's INPUT chain replaced: the nat and mangle tables (Docker's and
 * libvirt's NAT), FORWARD, OUTPUT and other chains stay exactly as they were.
 */
public final class FirewallIptables {
    private FirewallIptables() {
    }

    /** The INPUT rules ("-A INPUT …" lines) for one family. */
    static List<String> inputRules(FirewallPolicy p, boolean v6) {
        List<String> out = new ArrayList<>();
        out.add("-A INPUT -i lo -j ACCEPT");
        out.add("-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT");
        out.add("-A INPUT -m conntrack --ctstate INVALID -j DROP");
        String ping = " -m limit --limit " + FirewallPolicy.PING_PER_SECOND + "/sec --limit-burst " + FirewallPolicy.PING_BURST + " -j ACCEPT";
        if (v6) {
            // RFC 4890 section 4.4: errors, neighbour discovery only on-link (hop limit 255), MLD from link-local
            for (int t : new int[] {1, 2, 3, 4}) {
                out.add("-A INPUT -p ipv6-icmp -m icmp6 --icmpv6-type " + t + " -j ACCEPT");
            }
            for (int t : new int[] {133, 134, 135, 136, 141, 142}) {
                out.add("-A INPUT -p ipv6-icmp -m icmp6 --icmpv6-type " + t + " -m hl --hl-eq 255 -j ACCEPT");
            }
            for (int t : new int[] {130, 131, 132, 143}) {
                out.add("-A INPUT -s fe80::/10 -p ipv6-icmp -m icmp6 --icmpv6-type " + t + " -j ACCEPT");
            }
            out.add("-A INPUT -p ipv6-icmp -m icmp6 --icmpv6-type 128" + ping);
        } else {
            // destination-unreachable carries fragmentation-needed (path MTU discovery)
            for (int t : new int[] {3, 11, 12}) {
                out.add("-A INPUT -p icmp -m icmp --icmp-type " + t + " -j ACCEPT");
            }
            out.add("-A INPUT -p icmp -m icmp --icmp-type 8" + ping);
        }
        if (p.sshRateLimit() != null) {
            out.add("-A INPUT -p tcp -m tcp --dport " + p.sshPort() + " -m conntrack --ctstate NEW -m hashlimit --hashlimit-above "
                    + p.sshRateLimit().iptables() + " --hashlimit-burst " + p.sshRateLimit().count()
                    + " --hashlimit-mode srcip --hashlimit-name cd_ssh" + (v6 ? "6" : "4") + " -j DROP");
        }
        for (FirewallPolicy.Rule r : p.rules()) {
            String ports = " -p " + r.proto() + " -m " + r.proto() + " --dport " + (r.from() == r.to() ? r.from() : r.from() + ":" + r.to())
                    + " -j ACCEPT";
            if (r.anywhere()) {
                out.add("-A INPUT" + ports);
            } else {
                r.sources(v6).forEach(s -> out.add("-A INPUT -s " + s.iptables() + ports));
            }
        }
        return out;
    }

    /**
     * The full ruleset to restore: {@code currentSave} (iptables-save's output, maybe empty) with
     * its filter table's INPUT chain replaced by the policy's (policy DROP); chains matching
     * {@code dropChains} (ufw's, when ufw is being stopped) go, with every rule that jumps to them.
     */
    static String plan(String currentSave, FirewallPolicy p, boolean v6, Predicate<String> dropChains) {
        Map<String, List<String>> tables = tables(currentSave);
        List<String> filter = tables.getOrDefault("filter", List.of());
        List<String> decls = new ArrayList<>();
        Map<String, List<String>> rules = new LinkedHashMap<>();
        for (String l : filter) {
            if (l.startsWith(":")) {
                String chain = l.substring(1).split(" ")[0];
                if (!dropChains.test(chain)) {
                    decls.add(l);
                    rules.put(chain, new ArrayList<>());
                }
            }
        }
        for (String l : filter) {
            if (l.startsWith("-A ")) {
                String[] w = l.split(" ");
                String target = jumpTarget(w);
                if (rules.containsKey(w[1]) && (target == null || !dropChains.test(target))) {
                    rules.get(w[1]).add(l);
                }
            }
        }
        for (String builtin : List.of("OUTPUT", "FORWARD", "INPUT")) {
            if (!rules.containsKey(builtin)) {
                decls.add(0, ":" + builtin + " ACCEPT [0:0]");
            }
        }
        List<String> table = new ArrayList<>();
        table.add("*filter");
        for (String d : decls) {
            table.add(d.startsWith(":INPUT ") ? ":INPUT DROP [0:0]" : d);
        }
        List<String> order = decls.stream().map(d -> d.substring(1).split(" ")[0]).toList();
        for (String chain : order) {
            table.addAll(chain.equals("INPUT") ? inputRules(p, v6) : rules.getOrDefault(chain, List.of()));
        }
        table.add("COMMIT");
        tables.put("filter", table);
        StringBuilder sb = new StringBuilder();
        tables.values().forEach(t -> t.forEach(l -> sb.append(l).append('\n')));
        return sb.toString();
    }

    /** INPUT rules in {@code currentSave} that the plan replaces (shown to the user as a warning). */
    static List<String> replacedInputRules(String currentSave) {
        return tables(currentSave).getOrDefault("filter", List.of()).stream().filter(l -> l.startsWith("-A INPUT ")).toList();
    }

    /** The filter table alone, for rules.v4/rules.v6 (restored at boot before Docker or libvirt add their own). */
    static String filterOnly(String fullSave) {
        StringBuilder sb = new StringBuilder();
        tables(fullSave).getOrDefault("filter", List.of()).forEach(l -> sb.append(l).append('\n'));
        return sb.toString();
    }

    /** {@code persisted} (a rules.v4 file, maybe null) with its filter table replaced by {@code filterTable}; other tables kept. */
    static String persist(String persisted, String filterTable) {
        Map<String, List<String>> tables = tables(persisted == null ? "" : persisted);
        tables.put("filter", filterTable.lines().toList());
        StringBuilder sb = new StringBuilder("# Written by ClusterDeck's firewall hardening step (netfilter-persistent format).\n");
        tables.values().forEach(t -> t.forEach(l -> sb.append(l).append('\n')));
        return sb.toString();
    }

    private static String jumpTarget(String[] words) {
        for (int i = 0; i < words.length - 1; i++) {
            if (words[i].equals("-j") || words[i].equals("-g")) {
                return words[i + 1];
            }
        }
        return null;
    }

    /** Tables of a save by name, each as its lines from "*name" to "COMMIT", comments dropped, in their order. */
    static Map<String, List<String>> tables(String save) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        List<String> current = null;
        for (String raw : save.split("\n")) {
            String l = raw.stripTrailing();
            if (l.startsWith("*")) {
                current = new ArrayList<>();
                out.put(l.substring(1).strip(), current);
            }
            if (current != null && !l.startsWith("#") && !l.isEmpty()) {
                current.add(l);
            }
            if (l.equals("COMMIT")) {
                current = null;
            }
        }
        return out;
    }
}
