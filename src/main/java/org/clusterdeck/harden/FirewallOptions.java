package org.clusterdeck.harden;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The firewall step's options, validated (a bad value is refused with the option named):
 * <ul>
 * <li>{@code firewall.backend}: {@code auto} (nftables where {@code nft} exists, else iptables),
 * {@code nft} or {@code iptables};</li>
 * <li>{@code firewall.sshFrom}: {@code admin} (default: ClusterDeck's own side only),
 * {@code anywhere}, or addresses/blocks allowed in addition to the admin side, separated by
 * spaces or commas ({@code 10.0.0.0/8 192.168.1.7});</li>
 * <li>{@code firewall.sshRateLimit}: new SSH connections per source, {@code N/second|minute|hour}
 * (e.g. {@code 10/minute}); more are dropped; empty: no limit;</li>
 * <li>{@code firewall.extraPorts}: more ports to open, entries separated by commas, each
 * {@code PORT[-PORT][/tcp|/udp] [from SOURCE [SOURCE …]]} (sources separated by spaces;
 * without {@code from}: from anywhere), e.g. {@code 8443/tcp from 10.0.0.0/8, 9100/tcp};</li>
 * <li>{@code firewall.existing}: what to do when ufw or firewalld is active: {@code keep}
 * (default: the step is skipped and says what to do) or {@code stop} (disable it, with undo).</li>
 * </ul>
 */
public record FirewallOptions(Backend backend, boolean sshAnywhere, List<FirewallSource> sshExtra, RateLimit sshRateLimit,
                              List<FirewallPolicy.Rule> extraPorts, boolean stopExisting) {
    public static final String BACKEND = "firewall.backend";
    public static final String SSH_FROM = "firewall.sshFrom";
    public static final String SSH_RATE_LIMIT = "firewall.sshRateLimit";
    public static final String EXTRA_PORTS = "firewall.extraPorts";
    public static final String EXISTING = "firewall.existing";

    public enum Backend { AUTO, NFT, IPTABLES }

    /** At most {@code count} new connections per source per {@code unit} ("second", "minute", "hour"). */
    public record RateLimit(int count, String unit) {
        String nft() {
            return count + "/" + unit;
        }

        String iptables() {
            return count + "/" + switch (unit) {
                case "second" -> "sec";
                case "minute" -> "min";
                default -> "hour";
            };
        }

        @Override
        public String toString() {
            return count + "/" + unit;
        }
    }

    public FirewallOptions {
        sshExtra = List.copyOf(sshExtra);
        extraPorts = List.copyOf(extraPorts);
    }

    public static FirewallOptions of(HardenOptions o) {
        for (String name : java.util.List.of(BACKEND, SSH_FROM, SSH_RATE_LIMIT, EXTRA_PORTS, EXISTING)) {
            if (o.get(name, "").chars().anyMatch(c -> Character.isISOControl(c))) {
                throw new HardenException(name + ": the value holds a line break or another control character; write it on one line.");
            }
        }
        String b = o.get(BACKEND, "auto").strip().toLowerCase(Locale.ROOT);
        Backend backend = switch (b) {
            case "auto", "" -> Backend.AUTO;
            case "nft", "nftables" -> Backend.NFT;
            case "iptables" -> Backend.IPTABLES;
            default -> throw new HardenException(BACKEND + ": '" + FirewallSource.printable(b) + "' is not a firewall backend: use auto, nft or iptables.");
        };
        String from = o.get(SSH_FROM, "admin").strip();
        boolean anywhere = from.equalsIgnoreCase("anywhere");
        List<FirewallSource> extra = new ArrayList<>();
        if (!anywhere && !from.isEmpty() && !from.equalsIgnoreCase("admin")) {
            for (String part : from.split("[\\s,]+")) {
                if (!part.isEmpty()) {
                    extra.add(FirewallSource.parse(SSH_FROM, part));
                }
            }
        }
        String ex = o.get(EXISTING, "keep").strip().toLowerCase(Locale.ROOT);
        if (!ex.equals("keep") && !ex.equals("stop") && !ex.isEmpty()) {
            throw new HardenException(EXISTING + ": '" + FirewallSource.printable(ex) + "' is not a choice: use keep (skip the step while ufw"
                    + " or firewalld is active) or stop (disable it, with undo).");
        }
        return new FirewallOptions(backend, anywhere, extra, rateLimit(o.get(SSH_RATE_LIMIT, "")), extraPorts(o.get(EXTRA_PORTS, "")),
                ex.equals("stop"));
    }

    static RateLimit rateLimit(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        if (s.isEmpty() || s.equals("none") || s.equals("off")) {
            return null;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,5})\\s*/\\s*(s|sec|second|m|min|minute|h|hour)").matcher(s);
        if (!m.matches() || Integer.parseInt(m.group(1)) < 1 || Integer.parseInt(m.group(1)) > 10000) {
            throw new HardenException(SSH_RATE_LIMIT + ": '" + FirewallSource.printable(text) + "' is not a rate: write new connections"
                    + " per source as N/second, N/minute or N/hour with N from 1 to 10000, e.g. 10/minute.");
        }
        String unit = switch (m.group(2).charAt(0)) {
            case 's' -> "second";
            case 'm' -> "minute";
            default -> "hour";
        };
        return new RateLimit(Integer.parseInt(m.group(1)), unit);
    }

    /** "8443/tcp from 10.0.0.0/8, 9100/tcp, 60000-60010/udp from 192.168.1.5 192.168.1.6". */
    static List<FirewallPolicy.Rule> extraPorts(String text) {
        List<FirewallPolicy.Rule> out = new ArrayList<>();
        if (text.isBlank()) {
            return out;
        }
        for (String entry : text.split(",")) {
            String e = entry.strip();
            java.util.regex.Matcher m = java.util.regex.Pattern
                    .compile("(\\d{1,5})(?:-(\\d{1,5}))?(?:/(tcp|udp))?(?:\\s+from\\s+(.+))?", java.util.regex.Pattern.CASE_INSENSITIVE)
                    .matcher(e);
            if (!m.matches()) {
                throw new HardenException(EXTRA_PORTS + ": '" + FirewallSource.printable(e) + "' is not a port entry: write"
                        + " PORT[-PORT][/tcp|/udp] [from ADDRESS …], entries separated by commas, e.g. 8443/tcp from 10.0.0.0/8, 9100/tcp.");
            }
            int lo = port(m.group(1));
            int hi = m.group(2) == null ? lo : port(m.group(2));
            if (hi < lo) {
                throw new HardenException(EXTRA_PORTS + ": the range " + lo + "-" + hi + " runs backwards; write the lower port first.");
            }
            List<FirewallSource> sources = new ArrayList<>();
            if (m.group(4) != null) {
                for (String src : m.group(4).strip().split("\\s+")) {
                    sources.add(FirewallSource.parse(EXTRA_PORTS, src));
                }
            }
            String proto = m.group(3) == null ? "tcp" : m.group(3).toLowerCase(Locale.ROOT);
            out.add(new FirewallPolicy.Rule(proto, lo, hi, sources, sources.isEmpty(), "extra port (" + EXTRA_PORTS + ")"));
        }
        return out;
    }

    private static int port(String s) {
        int p = Integer.parseInt(s);
        if (p < 1 || p > 65535) {
            throw new HardenException(EXTRA_PORTS + ": port " + p + " is out of range: ports are 1-65535.");
        }
        return p;
    }
}
