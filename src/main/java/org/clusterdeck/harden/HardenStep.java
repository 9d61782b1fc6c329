package org.clusterdeck.harden;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The steps of the hardening wizard, in the order they are planned and applied. */
public enum HardenStep {
    FIREWALL("firewall", "Firewall"),
    SSH("ssh", "SSH daemon"),
    KERNEL("kernel", "Kernel"),
    APPARMOR("apparmor", "AppArmor"),
    LOGGING("logging", "Logging"),
    UPDATES("updates", "Updates");

    private final String id;
    private final String label;

    HardenStep(String id, String label) {
        this.id = id;
        this.label = label;
    }

    /** The name on the command line and in change sets ("harden.firewall"). */
    public String id() {
        return id;
    }

    public String label() {
        return label;
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
                + "firewall, ssh, kernel, apparmor, logging, updates (comma-separated).");
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
