package org.clusterdeck.harden;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a host needs IP forwarding (so the kernel step must leave {@code ip_forward} alone): a
 * KVM host with libvirt NAT networks (virbr* bridges, LIBVIRT_* chains, active networks with a
 * forward mode), Docker or another container runtime (docker0, br-*, cni0 …, DOCKER chains), or a
 * router (forwarding on, addresses on two or more interfaces); and whether it routes asymmetrically
 * (several default routes or policy rules), where a strict reverse-path filter drops good replies.
 */
final class Forwarding {
    private static final Pattern FORWARD_ON = Pattern.compile("(?m)^net\\.ipv4\\.ip_forward = 1$");
    private static final List<String> CONTAINER_LINKS = List.of("docker0", "br-", "cni", "flannel", "podman", "lxcbr", "cali", "weave");

    /** What was found; the reasons are the evidence in words. */
    record Need(List<String> forwardingWhy, String asymmetricWhy) {
        boolean forwarding() {
            return !forwardingWhy.isEmpty();
        }

        boolean asymmetric() {
            return asymmetricWhy != null;
        }
    }

    private Forwarding() {
    }

    static Map<String, String> probes() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("links", "ip -o link show 2>/dev/null | awk -F': ' '{print $2}' | cut -d@ -f1");
        p.put("chains", "(iptables -S 2>/dev/null; iptables -t nat -S 2>/dev/null; nft list ruleset 2>/dev/null) "
                + "| grep -oE 'LIBVIRT_[A-Z]+|DOCKER(-[A-Z]+)?' | sort -u");
        p.put("libvirt-nets", "if command -v virsh >/dev/null 2>&1; then for n in $(timeout 5 virsh -q -c qemu:///system net-list --name 2>/dev/null); do "
                + "echo \"$n $(timeout 5 virsh -c qemu:///system net-dumpxml \"$n\" 2>/dev/null | grep -o \"<forward mode='[a-z]*'\" | head -n 1)\"; done; fi");
        p.put("addrs", "ip -o -4 addr show scope global 2>/dev/null | awk '{print $2}' | sort -u");
        p.put("routes", "ip -4 route show default 2>/dev/null | grep -c . ; ip rule show 2>/dev/null | grep -vcE '^(0|32766|32767):'");
        return p;
    }

    static Need detect(HostFacts facts) {
        List<String> links = facts.get("links").lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        String chains = facts.get("chains");
        List<String> why = new ArrayList<>();
        List<String> libvirt = new ArrayList<>();
        links.stream().filter(l -> l.startsWith("virbr")).forEach(l -> libvirt.add("bridge " + l));
        chains.lines().filter(c -> c.startsWith("LIBVIRT_")).findFirst().ifPresent(c -> libvirt.add("iptables chain " + c));
        facts.get("libvirt-nets").lines().filter(l -> l.contains("<forward mode=")).forEach(l -> libvirt.add("network " + l.split(" ")[0]
                + " (" + l.replaceAll(".*mode='([a-z]*)'.*", "$1") + ")"));
        if (!libvirt.isEmpty()) {
            why.add("libvirt NAT networks (" + String.join(", ", libvirt) + ")");
        }
        List<String> containers = new ArrayList<>();
        links.stream().filter(l -> CONTAINER_LINKS.stream().anyMatch(l::startsWith)).forEach(l -> containers.add("bridge " + l));
        chains.lines().filter(c -> c.startsWith("DOCKER")).findFirst().ifPresent(c -> containers.add("iptables chain " + c));
        if (!containers.isEmpty()) {
            why.add("Docker or container networks (" + String.join(", ", containers) + ")");
        }
        List<String> addressed = facts.get("addrs").lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("virbr") && CONTAINER_LINKS.stream().noneMatch(l::startsWith)).toList();
        boolean forwardingOn = FORWARD_ON.matcher(facts.get("sysctl")).find();
        if (forwardingOn && addressed.size() >= 2) {
            why.add("routing between its interfaces (forwarding is on, with addresses on " + String.join(", ", addressed) + ")");
        }
        String[] counts = facts.get("routes").strip().split("\\s+");
        int defaults = count(counts, 0);
        int rules = count(counts, 1);
        String asym = null;
        if (defaults > 1) {
            asym = defaults + " default routes";
        } else if (rules > 0) {
            asym = rules + " policy routing rule(s) besides the standard ones";
        }
        return new Need(why, asym);
    }

    private static int count(String[] counts, int i) {
        if (counts.length <= i) {
            return 0;
        }
        Matcher m = Pattern.compile("\\d+").matcher(counts[i]);
        return m.matches() ? Integer.parseInt(counts[i]) : 0;
    }
}
