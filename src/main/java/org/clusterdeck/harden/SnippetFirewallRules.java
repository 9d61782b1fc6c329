package org.clusterdeck.harden;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Snippet rules for firewall commands (iptables/ip6tables, nft, ufw, firewall-cmd). Most mistakes
 * are in what the whole paste lacks (loopback, replies, IPv6, persistence, a guard), so this reads
 * every command first ({@link #check}) and judges the ruleset at the end ({@link #finish}).
 */
final class SnippetFirewallRules {
    private static final String FIREWALL_STEP = "the firewall step (guarded apply: the host restores its old rules by itself unless "
            + "a new SSH login works within the guard window)";
    private final SnippetFindings f;
    private int index;
    private boolean v4;
    private boolean v6;
    private boolean persisted;
    private boolean guard;
    private boolean flushed;
    private boolean appendWarned;
    private boolean loopback;
    private boolean newOnly;
    private int established = -1;
    private int sshAccept = -1;
    private boolean icmp;
    private boolean any;
    private boolean firewalldReload;
    private SnippetCommand firewalldPermanent;
    private SnippetCommand catchAll;
    private SnippetCommand policyDrop;
    /** The DROP policy per family (0: iptables, 1: ip6tables): a flush is fatal only in the family whose policy drops. */
    private final SnippetCommand[] familyPolicyDrop = new SnippetCommand[2];
    private int policyIndex = -1;
    private SnippetCommand firstRule;
    private boolean ufwSsh;
    private final Set<Integer> openToAll = new TreeSet<>();
    private final Set<Integer> openFromSome = new TreeSet<>();

    SnippetFirewallRules(SnippetFindings f) {
        this.f = f;
    }

    /** Reads one command; false when it is no firewall command. */
    boolean check(SnippetCommand c) {
        index++;
        String name = c.name();
        if (c.wrapped() && (c.words().get(0).equals("systemd-run") || c.words().get(0).equals("at"))
                || name.equals("iptables-apply") || name.equals("sleep") || name.equals("at")) {
            guard = true; // a timer that restores the old rules: the admin's own lock-out guard
        }
        switch (name) {
            case "iptables", "ip6tables" -> iptables(c, name.equals("ip6tables"));
            case "iptables-save", "ip6tables-save", "netfilter-persistent" -> persisted |= c.redirect() != null || c.has("save");
            case "iptables-restore", "ip6tables-restore", "iptables-apply" -> {
                any = true;
                v4 |= !name.startsWith("ip6");
                v6 |= name.startsWith("ip6");
            }
            case "nft" -> nft(c);
            case "ufw" -> ufw(c);
            case "firewall-cmd" -> firewalld(c);
            default -> {
                return name.equals("sleep");
            }
        }
        return true;
    }

    private void iptables(SnippetCommand c, boolean six) {
        String table = c.option("-t", "--table");
        if (table != null && !table.equals("filter")) {
            return;
        }
        if (c.option("-L", "--list") != null || c.has("-L") || c.has("-S")) {
            return;
        }
        any = true;
        v4 |= !six;
        v6 |= six;
        String flush = c.has("-F") ? (c.option("-F") == null ? "" : c.option("-F")) : c.option("--flush");
        if (c.has("-F") || c.has("--flush")) {
            SnippetCommand familyDrop = familyPolicyDrop[six ? 1 : 0];
            if (familyDrop != null && (flush == null || flush.isEmpty() || flush.equals("INPUT"))) {
                f.error(c, "INPUT's policy is already DROP (line " + familyDrop.line() + "): flushing its rules drops every packet, "
                        + "this SSH session's included, from here on", "set the policy to ACCEPT before flushing, or let " + FIREWALL_STEP
                        + " replace the whole ruleset in one transaction");
            }
            flushed = true;
            return;
        }
        String policy = c.option("-P", "--policy");
        if (policy != null && policy.equals("INPUT")) {
            List<String> a = c.args();
            String target = a.get(a.size() - 1);
            if (target.equals("DROP") || target.equals("REJECT")) {
                familyPolicyDrop[six ? 1 : 0] = c;
                if (policyDrop == null) {
                    policyDrop = c;
                    policyIndex = index;
                }
            }
            return;
        }
        String append = c.option("-A", "--append");
        String insert = c.option("-I", "--insert");
        String chain = append != null ? append : insert;
        if (chain == null || !chain.equals("INPUT")) {
            return;
        }
        if (firstRule == null) {
            firstRule = c;
        }
        String target = c.option("-j", "--jump");
        String proto = c.option("-p", "--protocol");
        String source = c.option("-s", "--source", "--src");
        String iface = c.option("-i", "--in-interface");
        String state = c.option("--ctstate", "--state");
        List<Integer> ports = ports(c.option("--dport", "--destination-port", "--dports"));
        boolean accept = "ACCEPT".equals(target);
        if (append != null && !flushed && !appendWarned) {
            appendWarned = true;
            f.warn(c, "-A appends after the rules already in INPUT: an earlier DROP or REJECT (from the distribution, Docker, "
                    + "fail2ban, an old script) wins over every line here, and pasting the lines twice adds every rule twice",
                    "let " + FIREWALL_STEP + " replace ClusterDeck's own table (nftables) or the whole ruleset (iptables-restore) in one step");
        }
        if (catchAll != null && append != null && accept) {
            f.warn(c, "this comes after the catch-all DROP on line " + catchAll.line() + ", so it never matches", "put ACCEPT rules before the final DROP");
        }
        if (accept && "lo".equals(iface)) {
            loopback = true;
        }
        if (accept && state != null && state.contains("ESTABLISHED")) {
            established = established < 0 ? index : established;
        }
        if (accept && state != null && state.equals("NEW")) {
            newOnly = true;
        }
        if (accept && proto != null && proto.matches("icmp|ipv6-icmp|icmpv6|1|58")) {
            icmp = true;
        }
        if (accept) {
            (source == null ? openToAll : openFromSome).addAll(ports);
            if (ports.contains(22)) {
                sshAccept = sshAccept < 0 ? index : sshAccept;
                if (source == null) {
                    f.warn(c, "SSH (port 22) is accepted from the whole internet: every bot can try passwords and exploits on it",
                            "accept 22 only from the admin side (the firewall step takes it from where ClusterDeck connects)");
                }
            }
        }
        if (("DROP".equals(target) || "REJECT".equals(target)) && proto == null && source == null && iface == null && ports.isEmpty()
                && state == null && catchAll == null) {
            catchAll = c;
        }
    }

    private static List<Integer> ports(String spec) {
        List<Integer> out = new ArrayList<>();
        if (spec != null) {
            for (String p : spec.split("[,:]")) {
                if (p.matches("[0-9]{1,5}")) {
                    out.add(Integer.parseInt(p));
                } else if (p.equals("ssh")) {
                    out.add(22);
                } else if (p.equals("http")) {
                    out.add(80);
                } else if (p.equals("https")) {
                    out.add(443);
                }
            }
        }
        return out;
    }

    private void nft(SnippetCommand c) {
        String text = String.join(" ", c.args());
        any = true;
        if (text.matches(".*\\bflush ruleset\\b.*")) {
            f.error(c, "flush ruleset deletes every nftables table on the host, not just yours: Docker's and libvirt's NAT and "
                    + "filter rules, firewalld's — containers and VMs lose their network until those services restart",
                    "change only your own table: " + FIREWALL_STEP + " replaces table inet clusterdeck in one transaction after nft -c -f");
        }
        if (text.matches(".*\\btable (inet|ip6)\\b.*") || text.matches(".*\\b(add|insert) rule (inet|ip6)\\b.*")) {
            v6 = true;
        }
        if (text.matches(".*\\btable ip\\b.*") || text.matches(".*\\b(add|insert) rule (inet|ip)\\b.*")) {
            v4 = true;
        }
        if (text.contains("ct state") && text.contains("established")) {
            established = established < 0 ? index : established;
        }
        if (text.matches(".*\\biif(name)? \"?lo\"?.*accept.*")) {
            loopback = true;
        }
        if (text.contains("icmp")) {
            icmp = true;
        }
        if (text.contains("policy drop") && policyDrop == null) {
            policyDrop = c;
            policyIndex = index;
        }
        if (text.matches(".*\\bdport (22|ssh)\\b.*accept.*")) {
            sshAccept = sshAccept < 0 ? index : sshAccept;
        }
        if (text.matches(".*\\blist ruleset\\b.*") && c.redirect() != null || text.contains("nftables.conf")) {
            persisted = true;
        }
    }

    private void ufw(SnippetCommand c) {
        List<String> a = c.args();
        String verb = a.size() > 1 ? a.get(1) : "";
        persisted = true; // ufw keeps its rules, IPv4 and IPv6, across reboots
        v6 = true;
        if (verb.equals("allow") || verb.equals("limit")) {
            String what = String.join(" ", a.subList(2, a.size()));
            if (what.matches("(?i).*\\b(22|ssh|openssh)\\b.*")) {
                ufwSsh = true;
                if (!what.contains("from")) {
                    f.warn(c, "SSH is allowed from the whole internet", "ufw allow from ADMIN-NET to any port 22 proto tcp");
                }
            }
        } else if (verb.equals("enable") && !ufwSsh) {
            f.error(c, "ufw denies incoming connections by default: enabling it before SSH is allowed cuts you off at the next "
                    + "connection (ufw even warns 'may disrupt existing ssh connections')", "allow SSH from the admin side first, or use " + FIREWALL_STEP);
        } else if (verb.equals("default") && a.contains("allow") && a.contains("incoming")) {
            f.warn(c, "every port is open unless a rule denies it", "ufw default deny incoming, then allow what the host serves");
        }
        f.step(HardenStep.FIREWALL, "Firewall step: works with an active ufw, or offers to stop it and take over, in one guarded change");
    }

    private void firewalld(SnippetCommand c) {
        persisted = true;
        v6 = true;
        if (c.has("--reload")) {
            firewalldReload = true;
            return;
        }
        if (c.hasPrefix("--add-") || c.hasPrefix("--remove-")) {
            if (c.has("--permanent")) {
                firewalldPermanent = firewalldPermanent == null ? c : firewalldPermanent;
            } else {
                f.warn(c, "without --permanent this lasts only until the next firewall-cmd --reload or reboot",
                        "add --permanent, then firewall-cmd --reload (or save all with --runtime-to-permanent)");
            }
        }
        f.step(HardenStep.FIREWALL, "Firewall step: works with an active firewalld, or offers to stop it and take over, in one guarded change");
    }

    /** Judges the whole ruleset the paste builds. */
    void finish() {
        if (firewalldPermanent != null && !firewalldReload) {
            f.warn(firewalldPermanent, "--permanent changes only the saved configuration: nothing changes now, until firewall-cmd --reload",
                    "run firewall-cmd --reload after the --permanent lines");
        }
        if (!any || (firstRule == null && policyDrop == null)) {
            return;
        }
        SnippetCommand at = firstRule != null ? firstRule : policyDrop;
        if (v4 && !v6) {
            f.warn(at, "only IPv4 is filtered: ip6tables gets none of these rules, so over IPv6 every port stays open (a host has "
                    + "at least a link-local IPv6 address, and often a public one)", FIREWALL_STEP + " filters IPv4 and IPv6 in one nftables "
                    + "'inet' table (or iptables and ip6tables alike)");
        }
        if (!persisted) {
            f.warn(at, "nothing saves these rules: they live in the kernel only and the next reboot loses them, leaving the host open",
                    "save them the distribution's way (netfilter-persistent save / nftables.conf) — " + FIREWALL_STEP + " does");
        }
        SnippetCommand drop = catchAll != null ? catchAll : policyDrop;
        if (drop != null) {
            if (!loopback) {
                f.error(drop, "no rule accepts loopback traffic (-i lo): services talking to each other on 127.0.0.1 (PHP-FPM, a "
                        + "local MySQL, nginx upstreams, health checks) are dropped", "accept -i lo first, as the firewall step always does");
            }
            if (established < 0) {
                f.error(drop, "no rule accepts ESTABLISHED,RELATED traffic: replies to the host's own connections (DNS, apt, NTP, its "
                        + "database) are dropped" + (newOnly ? ", and since every ACCEPT here matches only --ctstate NEW, only the first packet "
                        + "of each web or SSH connection passes — the connections hang right after they open" : ""),
                        "accept -m conntrack --ctstate ESTABLISHED,RELATED first, as the firewall step always does");
            }
            if (!icmp) {
                f.warn(drop, "all ICMP is dropped: path-MTU discovery (fragmentation needed) breaks large transfers through tunnels, and "
                        + "ping no longer tells a dead host from a filtered one", "accept the ICMP essentials, as the firewall step does");
            }
            if (!guard) {
                f.error(drop, "a DROP applied by hand with no guard: if one earlier line failed or did not match your session, you are "
                        + "locked out with the next packet (often only noticed at the next login), and nothing brings the old rules back",
                        "apply through " + FIREWALL_STEP + ", or by hand with iptables-apply (it rolls back unless you confirm)");
            }
            if (policyDrop != null && (sshAccept < 0 || policyIndex < sshAccept || established < 0 || policyIndex < established)) {
                f.error(policyDrop, "the DROP policy is set before the rules that accept SSH and replies: between this line and those, "
                        + "this very SSH session's packets are dropped, so the rest of the paste may never arrive",
                        "set -P INPUT DROP last, after the ACCEPT rules (or apply the whole ruleset at once with iptables-restore)");
            }
        }
        suggest();
    }

    private void suggest() {
        StringBuilder s = new StringBuilder("Firewall step, ");
        boolean web = openToAll.contains(80) || openToAll.contains(443) || openFromSome.contains(80) || openFromSome.contains(443);
        if (openToAll.contains(3306) || openFromSome.contains(3306)) {
            s.append("role db: 3306 only from the web VMs (and the replica/primary)");
        } else if (web) {
            s.append("role lb (80,443 from anywhere) or web (80,443 only from its load balancers)");
        } else {
            s.append("with the host's role from the topology");
        }
        s.append("; 22 only from the admin side; loopback, established/related and ICMP essentials always; default drop; IPv4 and "
                + "IPv6; persisted; guarded apply");
        f.step(HardenStep.FIREWALL, s.toString());
    }
}
