package org.clusterdeck.harden;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the firewall step reads from a host (read-only, in the one probe round trip) and what it
 * makes of it: which firewall tools exist, whether ufw or firewalld already run, Docker or libvirt
 * NAT, how the distribution persists rules, the current iptables rulesets (exact, as base64) and
 * the sockets that listen.
 */
public record FirewallFacts(boolean nft, String nftTables, String iptablesVersion, boolean ufwActive, boolean firewalldActive,
                            List<String> natOwners, Map<String, String> nftConfs, boolean nftablesEnabled, boolean etcClusterdeck,
                            boolean etcIptables, Map<String, String> iptablesFiles, boolean netfilterPersistent, String osId,
                            String osLike, String save4, String save6, List<Listener> listeners, boolean perl) {
    /** The probes, constant text (never built from input); outputs that must stay exact travel as base64. */
    static final Map<String, String> PROBES = probes();

    /** A TCP socket listening beyond loopback: address, port and the program (as ss names it). */
    public record Listener(String address, int port, String program) {
    }

    private static Map<String, String> probes() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("nft", "command -v nft >/dev/null 2>&1 && { echo present; nft list tables 2>/dev/null; }");
        p.put("iptables", "command -v iptables >/dev/null 2>&1 && iptables -V 2>/dev/null");
        p.put("ufw", "command -v ufw >/dev/null 2>&1 && ufw status 2>/dev/null | head -n 1");
        p.put("firewalld", "systemctl is-active firewalld 2>/dev/null");
        p.put("nat", "{ iptables-save -t nat 2>/dev/null; nft list ruleset 2>/dev/null; } | grep -Eio 'docker|libvirt|virbr' | tr A-Z a-z | sort -u");
        p.put("nftables-conf", "for f in /etc/nftables.conf /etc/sysconfig/nftables.conf; do"
                + " if [ -f \"$f\" ]; then echo \"$f $(base64 -w0 < \"$f\")\"; fi; done");
        p.put("nftables-enabled", "systemctl is-enabled nftables 2>/dev/null");
        p.put("dirs", "[ -d /etc/clusterdeck ] && echo clusterdeck; [ -d /etc/iptables ] && echo iptables;"
                + " command -v netfilter-persistent >/dev/null 2>&1 && echo netfilter-persistent; true");
        p.put("iptables-files", "for f in /etc/iptables/rules.v4 /etc/iptables/rules.v6 /etc/sysconfig/iptables /etc/sysconfig/ip6tables; do"
                + " if [ -f \"$f\" ]; then echo \"$f $(base64 -w0 < \"$f\")\"; fi; done");
        p.put("os", ". /etc/os-release 2>/dev/null; echo \"id=${ID:-}\"; echo \"like=${ID_LIKE:-}\"");
        p.put("save4", "iptables-save 2>/dev/null | base64 -w0");
        p.put("save6", "ip6tables-save 2>/dev/null | base64 -w0");
        p.put("listen", "ss -ltnpH 2>/dev/null || ss -ltnH 2>/dev/null");
        p.put("perl", "command -v perl >/dev/null 2>&1 && echo present");
        return Map.copyOf(p);
    }

    public static FirewallFacts of(HostFacts f) {
        String os = f.get("os");
        return new FirewallFacts(f.get("nft").startsWith("present"), f.get("nft").replaceFirst("^present\\s*", ""),
                f.get("iptables"), f.get("ufw").toLowerCase(Locale.ROOT).contains("status: active"),
                f.get("firewalld").strip().equals("active"), f.get("nat").lines().map(String::strip).filter(l -> !l.isEmpty()).toList(),
                files(f.get("nftables-conf")), f.get("nftables-enabled").strip().equals("enabled"),
                f.get("dirs").lines().anyMatch(l -> l.equals("clusterdeck")), f.get("dirs").lines().anyMatch(l -> l.equals("iptables")),
                files(f.get("iptables-files")), f.get("dirs").lines().anyMatch(l -> l.equals("netfilter-persistent")),
                value(os, "id"), value(os, "like"), decode(f.get("save4")), decode(f.get("save6")), listeners(f.get("listen")),
                f.get("perl").startsWith("present"));
    }

    public boolean iptables() {
        return !iptablesVersion.isBlank() && iptablesVersion.startsWith("iptables");
    }

    /** "nf_tables" or "legacy" as iptables -V says, else empty. */
    public String iptablesBackend() {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\((nf_tables|legacy)\\)").matcher(iptablesVersion);
        return m.find() ? m.group(1) : "";
    }

    public boolean rhelFamily() {
        String all = (osId + " " + osLike).toLowerCase(Locale.ROOT);
        return all.matches(".*\\b(rhel|fedora|centos|rocky|almalinux)\\b.*");
    }

    /** Other nftables tables on the host (their input chains run too). */
    public List<String> otherNftTables() {
        return nftTables.lines().map(String::strip).filter(l -> l.startsWith("table ") && !l.equals("table inet clusterdeck")).toList();
    }

    private static String value(String text, String key) {
        return text.lines().filter(l -> l.startsWith(key + "=")).map(l -> l.substring(key.length() + 1).strip()).findFirst().orElse("");
    }

    /** "PATH BASE64" lines as path → content. */
    private static Map<String, String> files(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String l : text.split("\n")) {
            String[] w = l.strip().split(" ", 2);
            if (w[0].startsWith("/")) {
                out.put(w[0], decode(w.length > 1 ? w[1] : ""));
            }
        }
        return out;
    }

    private static String decode(String b64) {
        try {
            return new String(Base64.getDecoder().decode(b64.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** ss -ltnpH lines ("LISTEN 0 511 0.0.0.0:80 0.0.0.0:* users:((\"nginx\",…))"), loopback left out. */
    static List<Listener> listeners(String ss) {
        List<Listener> out = new ArrayList<>();
        for (String l : ss.split("\n")) {
            String[] w = l.strip().split("\\s+");
            if (w.length < 4 || !w[0].equals("LISTEN")) {
                continue;
            }
            String local = w[3];
            int colon = local.lastIndexOf(':');
            if (colon < 0 || !local.substring(colon + 1).matches("\\d{1,5}")) {
                continue;
            }
            String addr = local.substring(0, colon).replaceAll("^\\[|]$", "").replaceAll("%.*", "");
            if (addr.startsWith("127.") || addr.equals("::1") || addr.startsWith("::ffff:127.")) {
                continue;
            }
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\(\\(\"([^\"]+)\"").matcher(l);
            out.add(new Listener(addr, Integer.parseInt(local.substring(colon + 1)), m.find() ? m.group(1) : "a program"));
        }
        return out;
    }
}
