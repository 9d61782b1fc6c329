package org.clusterdeck.harden;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.clusterdeck.change.ChangeEngine.Planned;
import org.clusterdeck.model.StepKind;
import org.clusterdeck.net.TargetPolicy;
import org.clusterdeck.remote.RemoteShell;

/**
 * The firewall step: default drop on input with what the host's role needs (see
 * {@link FirewallPolicy}), as ClusterDeck's own nftables table where {@code nft} exists, else as
 * iptables and ip6tables rules; persisted the distribution's way (an include in nftables.conf,
 * or netfilter-persistent's rules.v4/rules.v6) in the same guarded change set; verified from
 * outside ({@link FirewallVerify}). Options: see {@link FirewallOptions}.
 */
public final class FirewallModule implements StepModule {
    private static final HardenStep STEP = HardenStep.FIREWALL;
    private final TargetPolicy targets;

    /** Verifies from this workstation only towards loopback and lab hosts. */
    public FirewallModule() {
        this(TargetPolicy.withoutInventory());
    }

    /** {@code targets}: where the check from outside may connect (the app passes its inventory's policy). */
    public FirewallModule(TargetPolicy targets) {
        this.targets = targets;
    }

    @Override
    public HardenStep step() {
        return STEP;
    }

    @Override
    public Map<String, String> probes() {
        return FirewallFacts.PROBES;
    }

    @Override
    public StepPlan plan(HostContext host, HostFacts hostFacts, HardenOptions options) {
        FirewallOptions o = FirewallOptions.of(options);
        FirewallFacts f = FirewallFacts.of(hostFacts);
        List<String> notes = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<Planned> changes = new ArrayList<>();
        boolean nft = switch (o.backend()) {
            case NFT -> f.nft();
            case IPTABLES -> false;
            case AUTO -> f.nft();
        };
        if (o.backend() == FirewallOptions.Backend.NFT && !f.nft()) {
            return StepPlan.skip(STEP, host.hostName() + " has no nft command: install nftables there (apt-get install nftables,"
                    + " dnf install nftables), or set " + FirewallOptions.BACKEND + " = iptables.");
        }
        if (!nft && !f.iptables()) {
            return StepPlan.skip(STEP, host.hostName() + " has neither nft nor iptables: install nftables there (apt-get install"
                    + " nftables, dnf install nftables) and plan again.");
        }
        for (String[] other : new String[][] {{"ufw", Boolean.toString(f.ufwActive())}, {"firewalld", Boolean.toString(f.firewalldActive())}}) {
            if (!Boolean.parseBoolean(other[1])) {
                continue;
            }
            if (!o.stopExisting()) {
                return StepPlan.skip(STEP, other[0] + " is active on " + host.hostName() + ": two firewall managers would fight over"
                        + " the rules. Either keep " + other[0] + " and open the role's ports with it yourself, or set "
                        + FirewallOptions.EXISTING + " = stop: ClusterDeck then disables " + other[0] + " (undone by a rollback) and"
                        + " puts its own rules in place.");
            }
            changes.add(Planned.command("stop " + other[0], List.of("systemctl", "disable", "--now", other[0]),
                    List.of("systemctl", "enable", "--now", other[0])));
            warnings.add(other[0] + " is disabled and stopped (" + FirewallOptions.EXISTING + " = stop); a rollback enables it again.");
        }
        FirewallPolicy p = FirewallPolicy.of(host, o);
        notes.addAll(p.notes());
        warnings.addAll(p.warnings());
        if (!f.natOwners().isEmpty()) {
            notes.add("NAT rules of " + String.join(", ", f.natOwners()) + " are present. ClusterDeck's rules filter INPUT only:"
                    + " forwarded traffic and the nat table stay as they are" + (nft ? "." : " (only the filter table's INPUT chain"
                    + " is replaced; the nat table is restored byte for byte)."));
        }
        String backend;
        if (nft) {
            backend = "nft";
            planNft(host, f, p, changes, notes, warnings);
        } else {
            backend = "iptables (" + (f.iptablesBackend().isEmpty() ? "unknown backend" : f.iptablesBackend()) + ")";
            planIptables(f, p, o, changes, notes, warnings);
        }
        for (FirewallFacts.Listener l : f.listeners()) {
            if (!p.allows("tcp", l.port())) {
                warnings.add(l.program() + " listens on " + l.address() + ":" + l.port() + " but the firewall lets nobody reach port "
                        + l.port() + " from outside; add it to " + FirewallOptions.EXTRA_PORTS + " if other hosts need it.");
            }
        }
        return new StepPlan(STEP, "Firewall (" + backend + ") for " + host.role().label() + " " + host.hostName(), changes, true,
                p.settings(backend), notes, warnings, null);
    }

    private static void planNft(HostContext host, FirewallFacts f, FirewallPolicy p, List<Planned> changes, List<String> notes,
                                List<String> warnings) {
        String table = FirewallNft.render(p);
        changes.add(new Planned(StepKind.FIREWALL, "nft", table));
        if (!f.otherNftTables().isEmpty()) {
            notes.add("Other nftables tables (" + String.join(", ", f.otherNftTables()) + ") have base chains of their own; they run"
                    + " too: a packet must pass all of them, so their drops still drop and their accepts do not lift this table's drop.");
        }
        if (f.iptables() && f.iptablesBackend().equals("legacy")) {
            warnings.add("iptables here is the legacy backend: its rules run beside this nftables table, and both must let a packet in.");
        }
        // a missing /etc/clusterdeck is created (and removed on rollback) by the change engine itself
        changes.add(new Planned(StepKind.FILE, FirewallNft.FILE, FirewallNft.bootFile(table)));
        String conf = f.rhelFamily() ? "/etc/sysconfig/nftables.conf" : "/etc/nftables.conf";
        String current = f.nftConfs().get(conf);
        changes.add(new Planned(StepKind.FILE, conf, FirewallNft.withInclude(current)));
        if (current != null && current.lines().anyMatch(l -> l.strip().equals("flush ruleset"))) {
            notes.add(conf + " starts with 'flush ruleset': at boot it clears every table (Docker's and libvirt's too, until they"
                    + " add theirs again) before including ClusterDeck's table.");
        }
        if (!f.nftablesEnabled()) {
            changes.add(Planned.command("enable nftables", List.of("systemctl", "enable", "nftables"), List.of("systemctl", "disable", "nftables")));
            notes.add("nftables.service is enabled so that the table comes back after a reboot.");
        }
        notes.add("The rules live in table inet clusterdeck (IPv4 and IPv6), loaded at boot from " + FirewallNft.FILE + ".");
    }

    private static void planIptables(FirewallFacts f, FirewallPolicy p, FirewallOptions o, List<Planned> changes, List<String> notes,
                                     List<String> warnings) {
        java.util.function.Predicate<String> drop = chain -> f.ufwActive() && o.stopExisting() && chain.matches("ufw6?-.*");
        String v4 = FirewallIptables.plan(f.save4(), p, false, drop);
        String v6 = FirewallIptables.plan(f.save6(), p, true, drop);
        for (String[] fam : new String[][] {{"iptables", f.save4()}, {"ip6tables", f.save6()}}) {
            List<String> replaced = FirewallIptables.replacedInputRules(fam[1]);
            if (!replaced.isEmpty()) {
                warnings.add("The " + replaced.size() + " INPUT rule(s) in " + fam[0] + " are replaced (a rollback restores them): "
                        + String.join("; ", replaced.subList(0, Math.min(5, replaced.size()))) + (replaced.size() > 5 ? "; …" : "") + ".");
            }
        }
        changes.add(new Planned(StepKind.FIREWALL, "iptables", v4));
        changes.add(new Planned(StepKind.FIREWALL, "ip6tables", v6));
        boolean rhel = f.rhelFamily();
        String file4 = rhel ? "/etc/sysconfig/iptables" : "/etc/iptables/rules.v4";
        String file6 = rhel ? "/etc/sysconfig/ip6tables" : "/etc/iptables/rules.v6";
        // a missing /etc/iptables is created (and removed on rollback) by the change engine itself
        changes.add(new Planned(StepKind.FILE, file4, FirewallIptables.persist(f.iptablesFiles().get(file4), FirewallIptables.filterOnly(v4))));
        changes.add(new Planned(StepKind.FILE, file6, FirewallIptables.persist(f.iptablesFiles().get(file6), FirewallIptables.filterOnly(v6))));
        if (rhel) {
            notes.add("Saved to " + file4 + " and " + file6 + "; they load at boot with iptables-services ('dnf install"
                    + " iptables-services', then 'systemctl enable iptables ip6tables').");
        } else if (!f.netfilterPersistent()) {
            warnings.add("netfilter-persistent is not installed, so nothing loads " + file4 + " at boot: the rules are lost on reboot"
                    + " until you run 'apt-get install iptables-persistent' (ClusterDeck does not install it for you).");
        } else {
            notes.add("Saved to " + file4 + " and " + file6 + " (filter table only), which netfilter-persistent loads at boot.");
        }
    }

    @Override
    public List<Check> verify(RemoteShell shell, HostContext host, StepPlan plan, HardenOptions options) {
        return new FirewallVerify(targets).verify(shell, host, plan, options);
    }
}
