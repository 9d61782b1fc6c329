package org.clusterdeck.harden;

import java.util.ArrayList;
import java.util.List;

/**
 * What the firewall lets in, independent of nftables or iptables: the fixed essentials
 * (loopback, established/related, invalid dropped, ICMP essentials — the renderers write them),
 * the SSH port from the admin side, the role's ports from its peers, extra ports, an optional SSH
 * rate limit, and default drop on input. Built from the host's role in the topology.
 */
public record FirewallPolicy(int sshPort, List<Rule> rules, FirewallOptions.RateLimit sshRateLimit, List<String> notes,
                             List<String> warnings) {
    /** Echo requests answered per second (and burst): enough for monitoring, not for a flood. */
    static final int PING_PER_SECOND = 10;
    static final int PING_BURST = 20;
    /** libvirt's default migration port range (qemu.conf migration_port_min/max) and TLS libvirtd. */
    static final int MIGRATION_FIRST = 49152;
    static final int MIGRATION_LAST = 49215;
    static final int LIBVIRTD_TLS = 16509;

    /**
     * Ports {@code from}-{@code to} of {@code proto} open to {@code sources}, or to everyone when
     * {@code anywhere}; {@code why} says which part of the topology asked for it.
     */
    public record Rule(String proto, int from, int to, List<FirewallSource> sources, boolean anywhere, String why) {
        public Rule {
            sources = List.copyOf(sources);
        }

        List<FirewallSource> sources(boolean v6) {
            return sources.stream().filter(s -> s.v6() == v6).toList();
        }

        /** Whether anyone at all may connect through this rule. */
        boolean opens() {
            return anywhere || !sources.isEmpty();
        }

        boolean covers(String protocol, int port) {
            return proto.equals(protocol) && port >= from && port <= to;
        }

        String ports() {
            return from == to ? Integer.toString(from) : from + "-" + to;
        }

        String describe() {
            return ports() + "/" + proto + " from " + (anywhere ? "anywhere"
                    : String.join(" ", sources.stream().map(FirewallSource::nft).toList())) + " (" + why + ")";
        }
    }

    public FirewallPolicy {
        rules = List.copyOf(rules);
        notes = List.copyOf(notes);
        warnings = List.copyOf(warnings);
    }

    /** The policy for {@code host}'s role; throws when SSH from the admin side cannot be kept open. */
    public static FirewallPolicy of(HostContext host, FirewallOptions o) {
        List<String> notes = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<Rule> rules = new ArrayList<>();
        List<FirewallSource> admin = sources("admin source", host.adminSources());
        List<FirewallSource> ssh = new ArrayList<>(admin);
        o.sshExtra().stream().filter(s -> !ssh.contains(s)).forEach(ssh::add);
        if (!o.sshAnywhere() && ssh.isEmpty()) {
            throw new HardenException("ClusterDeck cannot tell where its own SSH connection to " + host.hostName()
                    + " comes from (the host shows no SSH_CONNECTION), so a firewall would cut it off. Set "
                    + FirewallOptions.SSH_FROM + " to the addresses you log in from (e.g. 10.0.0.0/8), or to 'anywhere'.");
        }
        rules.add(new Rule("tcp", host.sshPort(), host.sshPort(), o.sshAnywhere() ? List.of() : ssh, o.sshAnywhere(),
                "SSH, " + (o.sshAnywhere() ? FirewallOptions.SSH_FROM + " = anywhere" : "the admin side")));
        if (o.sshAnywhere()) {
            warnings.add("SSH (port " + host.sshPort() + ") is open to anywhere (" + FirewallOptions.SSH_FROM
                    + " = anywhere): every scanner on the network can try logins; keep password logins off.");
        }
        switch (host.role()) {
            case WEB -> {
                List<FirewallSource> lbs = sources("load balancer", host.loadBalancers());
                String from = "from the load balancers";
                if (lbs.isEmpty()) {
                    from = "from the admin side (no load balancer known)";
                    warnings.add("The topology knows no load balancer in front of " + host.hostName() + ", so 80/443 are open"
                            + " from the admin side only; add the load balancer with this host as a backend and plan again.");
                    lbs = admin;
                }
                rules.add(new Rule("tcp", 80, 80, lbs, false, "HTTP " + from));
                rules.add(new Rule("tcp", 443, 443, lbs, false, "HTTPS " + from));
            }
            case LB -> {
                rules.add(new Rule("tcp", 80, 80, List.of(), true, "HTTP, a load balancer serves everyone"));
                rules.add(new Rule("tcp", 443, 443, List.of(), true, "HTTPS, a load balancer serves everyone"));
            }
            case DB -> {
                List<FirewallSource> clients = new ArrayList<>(sources("web host", host.webHosts()));
                sources("database peer", host.dbPeers()).stream().filter(s -> !clients.contains(s)).forEach(clients::add);
                if (clients.isEmpty()) {
                    warnings.add("The topology knows no web host or replication peer of " + host.hostName()
                            + ", so MySQL (3306) stays closed to every other host.");
                }
                rules.add(new Rule("tcp", 3306, 3306, clients, false, "MySQL from the web hosts and replication peers"));
            }
            case HYPERVISOR -> {
                List<FirewallSource> peers = sources("hypervisor peer", host.hypervisorPeers());
                if (peers.isEmpty()) {
                    notes.add("No other hypervisor in the topology: migration ports stay closed.");
                } else if (!o.sshAnywhere()) {
                    rules.add(new Rule("tcp", host.sshPort(), host.sshPort(), peers, false, "SSH between hypervisors (qemu+ssh migration)"));
                }
                rules.add(new Rule("tcp", LIBVIRTD_TLS, LIBVIRTD_TLS, peers, false, "libvirtd TLS between hypervisors"));
                rules.add(new Rule("tcp", MIGRATION_FIRST, MIGRATION_LAST, peers, false, "libvirt migration between hypervisors"));
            }
            case OTHER -> notes.add("Role 'other': only SSH from the admin side is let in.");
        }
        rules.addAll(o.extraPorts());
        for (Rule r : rules) {
            if (!r.opens()) {
                notes.add("Nobody may reach " + r.ports() + "/" + r.proto() + ": " + r.why() + " — none in the topology.");
            }
        }
        if (o.sshRateLimit() != null) {
            notes.add("New SSH connections are limited to " + o.sshRateLimit() + " per source address; more are dropped.");
        }
        return new FirewallPolicy(host.sshPort(), rules.stream().filter(Rule::opens).toList(), o.sshRateLimit(), notes, warnings);
    }

    private static List<FirewallSource> sources(String what, List<String> addresses) {
        List<FirewallSource> out = new ArrayList<>();
        for (String a : addresses) {
            FirewallSource s = FirewallSource.parse(what, a);
            if (!out.contains(s)) {
                out.add(s);
            }
        }
        return out;
    }

    /** Whether some rule lets {@code port} in from outside this host (from anyone or someone). */
    boolean allows(String proto, int port) {
        return rules.stream().anyMatch(r -> r.covers(proto, port));
    }

    /** "name = value" lines for the wizard's table and the details pane. */
    List<String> settings(String backend) {
        List<String> out = new ArrayList<>();
        out.add("backend = " + backend);
        out.add("input policy = drop (loopback, established/related and ICMP essentials allowed, invalid dropped)");
        rules.forEach(r -> out.add("allow = " + r.describe()));
        out.add("ssh rate limit = " + (sshRateLimit == null ? "none" : sshRateLimit + " new connections per source"));
        return out;
    }
}
