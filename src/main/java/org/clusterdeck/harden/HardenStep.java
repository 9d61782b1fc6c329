package org.clusterdeck.harden;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The steps of the hardening wizard, in the order they are planned and applied. */
public enum HardenStep {
    FIREWALL("firewall", "Firewall", "Drop on input what the host's role does not need (nftables or iptables), SSH kept open "
            + "to ClusterDeck's side; guarded."),
    SSH("ssh", "SSH daemon", "Keys only (no passwords), root by key at most, strong algorithms, short login grace; guarded."),
    KERNEL("kernel", "Kernel", "Security sysctls: spoofing and redirect protection, no forwarding where nothing needs it, "
            + "hidden kernel pointers, full ASLR."),
    PERMISSIONS("permissions", "File permissions", "World-writable files and directories in system paths lose "
            + "\"others may write\"; unexpected set-user-ID bits are removed when you ask for it."),
    APPARMOR("apparmor", "AppArmor", "The profiles of nginx, MySQL and sshd in enforce (or complain) mode."),
    LOGGING("logging", "Logging", "The journal kept on disk across reboots, capped in size, rate limit explicit."),
    UPDATES("updates", "Updates", "Security updates installed automatically (unattended-upgrades or dnf-automatic).");

    private final String id;
    private final String label;
    private final String description;

    HardenStep(String id, String label, String description) {
        this.id = id;
        this.label = label;
        this.description = description;
    }

    /** The name on the command line and in change sets ("harden.firewall"). */
    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    /** One sentence on what the step changes (the wizard's tooltip, the CLI's help). */
    public String description() {
        return description;
    }

    /** "firewall, ssh, kernel, …": every step's id, in order. */
    public static String ids() {
        return String.join(", ", java.util.Arrays.stream(values()).map(HardenStep::id).toList());
    }

    /** The change-set feature of this step: history and the shield badge find hardening by it. */
    public String feature() {
        return "harden." + id;
    }

    public static HardenStep parse(String s) {
        for (HardenStep h : values()) {
            if (h.id.equals(s.strip().toLowerCase(Locale.ROOT))) {
                return h;
            }
        }
        throw new HardenException("'" + s.replaceAll("\\p{Cntrl}", "?") + "' is not a hardening step: use one or more of "
                + ids() + " (comma-separated).");
    }

    /** "firewall,ssh" → those steps; blank → all of them. */
    public static Set<HardenStep> parseList(String csv) {
        if (csv == null || csv.isBlank()) {
            return EnumSet.allOf(HardenStep.class);
        }
        Set<HardenStep> out = EnumSet.noneOf(HardenStep.class);
        for (String part : csv.split(",")) {
            if (!part.isBlank()) {
                out.add(parse(part));
            }
        }
        return out;
    }
}
