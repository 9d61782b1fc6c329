package org.clusterdeck.harden;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.clusterdeck.change.ChangeEngine;
import org.clusterdeck.model.StepKind;
import org.clusterdeck.remote.CommandResult;
import org.clusterdeck.remote.RemoteCommand;
import org.clusterdeck.remote.RemoteShell;

/**
 * Updates step: unattended security upgrades, the distribution's way — Debian/Ubuntu
 * {@code unattended-upgrades} (APT::Periodic in 20auto-upgrades, the reboot policy in a drop-in
 * that sorts after the package's 50unattended-upgrades, the apt timers enabled), RHEL family
 * {@code dnf-automatic} (automatic.conf set to apply security updates, its install timer enabled).
 * The family comes from /etc/os-release. A missing package is installed by a planned command
 * (shown in the preview; it downloads from the host's own package sources), purged on rollback.
 *
 * <p>Option {@code updates.reboot} = "never" (default: an update that needs a reboot waits for
 * the admin, listed in /var/run/reboot-required), "when-needed" (reboot right after such an
 * update), or "HH:MM" (reboot at that time when needed; unattended-upgrades only).
 */
public final class UpdatesModule implements StepModule {
    public static final String AUTO_UPGRADES = "/etc/apt/apt.conf.d/20auto-upgrades";
    /** Sorts after the package's 50unattended-upgrades: in apt's config the later assignment wins. */
    public static final String REBOOT_DROP_IN = "/etc/apt/apt.conf.d/52clusterdeck-unattended-upgrades";
    public static final String DNF_CONF = "/etc/dnf/automatic.conf";
    static final List<String> APT_TIMERS = List.of("apt-daily.timer", "apt-daily-upgrade.timer");
    static final String DNF_TIMER = "dnf-automatic-install.timer";
    private static final Pattern TIME = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");

    enum Family { DEBIAN, RHEL, OTHER }

    @Override
    public HardenStep step() {
        return HardenStep.UPDATES;
    }

    @Override
    public Map<String, String> probes() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("os-release", "cat /etc/os-release");
        p.put("dpkg", "dpkg-query -W -f='${db:Status-Status}' unattended-upgrades 2>/dev/null");
        p.put("auto-upgrades", "cat " + AUTO_UPGRADES + " 2>/dev/null");
        p.put("apt-timers", "for t in apt-daily.timer apt-daily-upgrade.timer; do echo \"$t $(systemctl is-enabled $t 2>/dev/null)\"; done");
        p.put("rpm", "rpm -q dnf-automatic 2>/dev/null");
        p.put("dnf-conf", "cat " + DNF_CONF + " 2>/dev/null");
        p.put("dnf-timer", "systemctl is-enabled " + DNF_TIMER + " 2>/dev/null");
        return p;
    }

    static Family family(String osRelease) {
        Map<String, String> os = new LinkedHashMap<>();
        for (String line : osRelease.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                os.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip().replace("\"", "").toLowerCase(Locale.ROOT));
            }
        }
        String ids = os.getOrDefault("ID", "") + " " + os.getOrDefault("ID_LIKE", "");
        if (ids.matches(".*\\b(debian|ubuntu)\\b.*")) {
            return Family.DEBIAN;
        }
        if (ids.matches(".*\\b(rhel|fedora|centos|rocky|almalinux|ol)\\b.*")) {
            return Family.RHEL;
        }
        return Family.OTHER;
    }

    static String reboot(HardenOptions options) {
        String r = options.get("updates.reboot", "never").strip();
        if (!r.equals("never") && !r.equals("when-needed") && !TIME.matcher(r).matches()) {
            throw new HardenException("updates.reboot '" + Printable.of(r) + "' is not a reboot policy: write never, when-needed, "
                    + "or a time HH:MM (00:00 to 23:59) at which to reboot when an update needs it.");
        }
        return r;
    }

    @Override
    public StepPlan plan(HostContext host, HostFacts facts, HardenOptions options) {
        String reboot = reboot(options);
        return switch (family(facts.get("os-release"))) {
            case DEBIAN -> debian(host, facts, reboot);
            case RHEL -> rhel(host, facts, reboot);
            case OTHER -> StepPlan.skip(step(), host.hostName() + " is neither Debian/Ubuntu nor RHEL family (/etc/os-release: ID="
                    + Printable.of(facts.get("os-release").replaceAll("(?s).*\\bID=\"?([^\"\\n]*).*", "$1"))
                    + "); ClusterDeck sets up unattended-upgrades or dnf-automatic only.");
        };
    }

    private StepPlan debian(HostContext host, HostFacts facts, String reboot) {
        List<ChangeEngine.Planned> changes = new ArrayList<>();
        List<String> settings = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (!facts.get("dpkg").equals("installed")) {
            changes.add(ChangeEngine.Planned.command("install unattended-upgrades",
                    List.of("apt-get", "install", "-y", "--no-install-recommends", "unattended-upgrades"),
                    List.of("apt-get", "purge", "-y", "unattended-upgrades")));
            warnings.add("unattended-upgrades is not installed on " + host.hostName() + ": this step installs it with apt-get "
                    + "from the host's own package sources (the host needs them reachable); rolling back purges it.");
        }
        String now = facts.get("auto-upgrades");
        String auto = setAptValues(now, Map.of("APT::Periodic::Update-Package-Lists", "1", "APT::Periodic::Unattended-Upgrade", "1"));
        if (!auto.strip().equals(now.strip())) {
            changes.add(new ChangeEngine.Planned(StepKind.FILE, AUTO_UPGRADES, auto));
        }
        settings.add("APT::Periodic::Update-Package-Lists = 1 (package lists refreshed daily by apt-daily.timer)");
        settings.add("APT::Periodic::Unattended-Upgrade = 1 (security upgrades installed daily by apt-daily-upgrade.timer, "
                + "from the origins in 50unattended-upgrades)");
        StringBuilder dropIn = new StringBuilder("// ClusterDeck hardening (updates): reboot policy. Rolling the change back removes or restores this file.\n");
        switch (reboot) {
            case "never" -> {
                dropIn.append("Unattended-Upgrade::Automatic-Reboot \"false\";\n");
                settings.add("Reboot policy: never — an update that needs a reboot waits for you (/var/run/reboot-required names it)");
            }
            case "when-needed" -> {
                dropIn.append("Unattended-Upgrade::Automatic-Reboot \"true\";\n");
                settings.add("Reboot policy: right after an upgrade that needs it (Automatic-Reboot true)");
            }
            default -> {
                dropIn.append("Unattended-Upgrade::Automatic-Reboot \"true\";\nUnattended-Upgrade::Automatic-Reboot-Time \"")
                        .append(reboot).append("\";\n");
                settings.add("Reboot policy: at " + reboot + " (host time) when an upgrade needs it");
            }
        }
        changes.add(new ChangeEngine.Planned(StepKind.FILE, REBOOT_DROP_IN, dropIn.toString()));
        List<String> off = new ArrayList<>();
        List<String> masked = new ArrayList<>();
        for (String line : facts.get("apt-timers").split("\n")) {
            String[] p = line.strip().split("\\s+");
            if (p.length >= 1 && APT_TIMERS.contains(p[0]) && (p.length < 2 || !p[1].equals("enabled"))) {
                if (p.length >= 2 && p[1].equals("masked")) {
                    masked.add(p[0]);
                }
                off.add(p[0]);
            }
        }
        if (!masked.isEmpty()) {
            // someone masked them on purpose once: say so, unmask (rollback masks them again)
            warnings.add(String.join(" and ", masked) + (masked.size() == 1 ? " is" : " are") + " masked on " + host.hostName()
                    + ": nothing would run the upgrades, so this step unmasks " + (masked.size() == 1 ? "it" : "them")
                    + "; a rollback masks " + (masked.size() == 1 ? "it" : "them") + " again.");
            List<String> unmask = new ArrayList<>(List.of("systemctl", "unmask"));
            unmask.addAll(masked);
            List<String> mask = new ArrayList<>(List.of("systemctl", "mask"));
            mask.addAll(masked);
            changes.add(ChangeEngine.Planned.command("unmask " + String.join(" and ", masked), unmask, mask));
        }
        if (!off.isEmpty()) {
            List<String> enable = new ArrayList<>(List.of("systemctl", "enable", "--now"));
            enable.addAll(off);
            List<String> disable = new ArrayList<>(List.of("systemctl", "disable", "--now"));
            disable.addAll(off);
            changes.add(ChangeEngine.Planned.command("enable " + String.join(" and ", off), enable, disable));
        }
        notes.add("Not run here: 'unattended-upgrade --dry-run' downloads the packages it would install; run it on the host "
                + "to see what the next run does.");
        return new StepPlan(step(), "Unattended security upgrades (unattended-upgrades)", changes, false, settings, notes, warnings, null);
    }

    private StepPlan rhel(HostContext host, HostFacts facts, String reboot) {
        if (TIME.matcher(reboot).matches()) {
            throw new HardenException("updates.reboot " + reboot + ": dnf-automatic (on " + host.hostName() + ") cannot reboot at a "
                    + "set time; use never or when-needed (it reboots right after an update that needs it).");
        }
        List<ChangeEngine.Planned> changes = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (!facts.get("rpm").startsWith("dnf-automatic")) {
            changes.add(ChangeEngine.Planned.command("install dnf-automatic", List.of("dnf", "install", "-y", "dnf-automatic"),
                    List.of("dnf", "remove", "-y", "dnf-automatic")));
            warnings.add("dnf-automatic is not installed on " + host.hostName() + ": this step installs it with dnf from the host's own "
                    + "repositories (they must be reachable); rolling back removes it.");
        }
        String conf = facts.get("dnf-conf");
        String after = setIni(conf, "commands", "upgrade_type", "security");
        after = setIni(after, "commands", "download_updates", "yes");
        after = setIni(after, "commands", "apply_updates", "yes");
        after = setIni(after, "commands", "reboot", reboot.equals("never") ? "never" : "when-needed");
        changes.add(new ChangeEngine.Planned(StepKind.FILE, DNF_CONF, after));
        if (!facts.get("dnf-timer").equals("enabled")) {
            changes.add(ChangeEngine.Planned.command("enable " + DNF_TIMER, List.of("systemctl", "enable", "--now", DNF_TIMER),
                    List.of("systemctl", "disable", "--now", DNF_TIMER)));
        }
        List<String> settings = List.of("upgrade_type = security, apply_updates = yes (dnf-automatic-install.timer, daily)",
                "Reboot policy: " + (reboot.equals("never") ? "never — an update that needs a reboot waits for you (dnf needs-restarting -r)"
                        : "right after an update that needs it (reboot = when-needed)"));
        return new StepPlan(step(), "Automatic security updates (dnf-automatic)", changes, false, settings, List.of(), warnings, null);
    }

    @Override
    public List<Check> verify(RemoteShell shell, HostContext host, StepPlan plan, HardenOptions options) {
        List<Check> checks = new ArrayList<>();
        boolean apt = plan.changes().stream().anyMatch(p -> REBOOT_DROP_IN.equals(p.target()));
        if (apt) {
            CommandResult dump = shell.run(RemoteCommand.of("apt-config", "dump"));
            Map<String, String> want = new LinkedHashMap<>();
            want.put("APT::Periodic::Update-Package-Lists", "1");
            want.put("APT::Periodic::Unattended-Upgrade", "1");
            plan.changes().stream().filter(p -> REBOOT_DROP_IN.equals(p.target())).findFirst()
                    .ifPresent(p -> want.putAll(aptValues(p.after())));
            Map<String, String> got = aptValues(dump.stdout());
            List<String> wrong = new ArrayList<>();
            want.forEach((k, v) -> {
                if (!v.equals(got.get(k))) {
                    wrong.add(k + " is " + (got.containsKey(k) ? "\"" + got.get(k) + "\"" : "unset") + ", not \"" + v + "\"");
                }
            });
            checks.add(dump.ok() && wrong.isEmpty() ? Check.pass(step(), "apt's effective configuration", "apt-config dump: " + want)
                    : Check.fail(step(), "apt's effective configuration", dump.ok() ? String.join("; ", wrong)
                            : "apt-config dump failed (a syntax error in apt.conf.d?): " + dump.stderr().strip()));
            CommandResult pkg = shell.run(RemoteCommand.of("dpkg-query", "-W", "-f=${db:Status-Status}", "unattended-upgrades"));
            checks.add(pkg.stdout().strip().equals("installed") ? Check.pass(step(), "unattended-upgrades installed", "dpkg-query: installed")
                    : Check.fail(step(), "unattended-upgrades installed", "dpkg-query: " + pkg.stdout().strip() + " " + pkg.stderr().strip()));
            for (String t : APT_TIMERS) {
                checks.add(enabled(shell, t));
            }
        } else {
            checks.add(enabled(shell, DNF_TIMER));
        }
        return checks;
    }

    private Check enabled(RemoteShell shell, String unit) {
        CommandResult r = shell.run(RemoteCommand.of("systemctl", "is-enabled", unit));
        String state = r.stdout().strip();
        return state.equals("enabled") ? Check.pass(step(), unit + " enabled", "systemctl is-enabled: enabled")
                : Check.fail(step(), unit + " enabled", "systemctl is-enabled: " + state + " " + r.stderr().strip());
    }

    /** Sets each key to its value: replaces a line assigning it, or appends one (apt's last assignment wins). */
    static String setAptValues(String text, Map<String, String> values) {
        String out = text.isBlank() ? "" : text.strip() + "\n";
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(values).entrySet()) {
            String line = e.getKey() + " \"" + e.getValue() + "\";";
            Pattern p = Pattern.compile("(?m)^[ \\t]*" + Pattern.quote(e.getKey()) + "[ \\t]+\"[^\"\\n]*\"[ \\t]*;[ \\t]*$");
            Matcher m = p.matcher(out);
            out = m.find() ? m.replaceAll(Matcher.quoteReplacement(line)) : out + line + "\n";
        }
        return out;
    }

    /** Simple one-line assignments of apt config text (as apt-config dump prints them). */
    static Map<String, String> aptValues(String text) {
        Map<String, String> m = new LinkedHashMap<>();
        Matcher a = Pattern.compile("(?m)^[ \\t]*([A-Za-z0-9:_-]+)[ \\t]+\"([^\"\\n]*)\"[ \\t]*;").matcher(text);
        while (a.find()) {
            m.put(a.group(1), a.group(2));
        }
        return m;
    }

    /** Sets {@code key = value} in {@code [section]} of an ini file, keeping everything else. */
    static String setIni(String text, String section, String key, String value) {
        List<String> lines = new ArrayList<>(text.isBlank() ? List.of() : List.of(text.strip().split("\n", -1)));
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals("[" + section + "]")) {
                start = i;
                break;
            }
        }
        if (start < 0) {
            if (!lines.isEmpty()) {
                lines.add("");
            }
            lines.add("[" + section + "]");
            lines.add(key + " = " + value);
            return String.join("\n", lines) + "\n";
        }
        int end = lines.size();
        for (int i = start + 1; i < lines.size(); i++) {
            if (lines.get(i).strip().startsWith("[")) {
                end = i;
                break;
            }
            if (lines.get(i).matches("\\s*" + Pattern.quote(key) + "\\s*=.*")) {
                lines.set(i, key + " = " + value);
                return String.join("\n", lines) + "\n";
            }
        }
        while (end - 1 > start && lines.get(end - 1).isBlank()) {
            end--; // after the section's last setting, before the blank lines that separate it from the next
        }
        lines.add(end, key + " = " + value);
        return String.join("\n", lines) + "\n";
    }
}
