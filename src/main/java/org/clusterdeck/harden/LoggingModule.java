package org.clusterdeck.harden;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.clusterdeck.change.ChangeEngine;
import org.clusterdeck.model.StepKind;
import org.clusterdeck.remote.CommandResult;
import org.clusterdeck.remote.RemoteCommand;
import org.clusterdeck.remote.RemoteShell;

/**
 * Logging step: a journald drop-in that keeps the journal on disk across reboots
 * ({@code Storage=persistent}), caps it by the size of the /var file system, and sets the per-service
 * rate limit explicitly; then journald is restarted. Shrinking the journal now
 * ({@code journalctl --vacuum-size}) deletes the oldest logs — the evidence an incident review needs —
 * so it is only offered in the notes, never run.
 *
 * <p>Options: {@code logging.maxUse} = "auto" (default: 10% of /var, at most 4G, rounded down to
 * 64M) or a size like "512M" / "2G" (16M to 64G); {@code logging.rateLimit} = "BURST/SECONDSs"
 * (default "10000/30s") or "off".
 */
public final class LoggingModule implements StepModule {
    static final String DROP_IN_DIR = "/etc/systemd/journald.conf.d";
    public static final String DROP_IN = DROP_IN_DIR + "/60-clusterdeck.conf";
    static final long MIB = 1024L * 1024;
    static final long GIB = 1024 * MIB;
    private static final Pattern SIZE = Pattern.compile("([1-9][0-9]{0,6})([MG])");
    private static final Pattern RATE = Pattern.compile("([0-9]{1,7})/([1-9][0-9]{0,4})s");
    private static final Pattern USAGE = Pattern.compile("take up ([0-9.]+)([BKMGT])");

    @Override
    public HardenStep step() {
        return HardenStep.LOGGING;
    }

    @Override
    public Map<String, String> probes() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("var-size", "df -B1 --output=size /var | tail -n 1");
        p.put("usage", "journalctl --disk-usage");
        p.put("active", "systemctl is-active systemd-journald");
        return p;
    }

    @Override
    public StepPlan plan(HostContext host, HostFacts facts, HardenOptions options) {
        String maxUseOpt = options.get("logging.maxUse", "auto").strip();
        String rateOpt = options.get("logging.rateLimit", "10000/30s").strip();
        long varBytes = parseLong(facts.get("var-size"));
        List<String> settings = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        long maxUse;
        if (maxUseOpt.equals("auto")) {
            if (varBytes <= 0) {
                return StepPlan.skip(step(), "The size of /var could not be read on " + host.hostName() + " ('df -B1 --output=size /var' printed '"
                        + printable(facts.get("var-size")) + "'); set logging.maxUse to a size such as 1G to plan without it.");
            }
            maxUse = autoMaxUse(varBytes);
            settings.add("SystemMaxUse = " + size(maxUse) + " (10% of the " + size(varBytes) + " /var file system, at most 4G)");
        } else {
            maxUse = parseSize(maxUseOpt);
            settings.add("SystemMaxUse = " + size(maxUse) + " (logging.maxUse)");
        }
        String burst;
        String interval;
        if (rateOpt.equals("off")) {
            burst = "0";
            interval = "0";
            settings.add("RateLimitBurst = 0 (no rate limit: a looping service can push every other service's messages out of the journal)");
        } else {
            Matcher m = RATE.matcher(rateOpt);
            if (!m.matches()) {
                throw new HardenException("logging.rateLimit '" + printable(rateOpt) + "' is not a rate limit: write BURST/SECONDSs, "
                        + "e.g. 10000/30s (at most 10000000 messages per at most 99999 s), or off.");
            }
            burst = m.group(1);
            interval = m.group(2) + "s";
            settings.add("RateLimitBurst = " + burst + " messages per service per RateLimitIntervalSec = " + interval);
        }
        settings.add(0, "Storage = persistent (the journal survives a reboot, in /var/log/journal)");
        notes.add("Rate limit " + burst + "/" + interval + ": journald's own default made explicit. It is high enough that the "
                + "log lines of an attack (sshd failures, nginx errors) are kept as evidence, and low enough that one looping "
                + "service cannot rotate every other service's messages out; journald logs how many messages it dropped.");
        notes.add("The drop-in " + DROP_IN + " overrides /etc/systemd/journald.conf; a drop-in whose name sorts later would "
                + "override it again (verify reads the effective values with systemd-analyze cat-config).");
        notes.add("To shrink the journal to the new cap right away you may run: journalctl --vacuum-size=" + size(maxUse)
                + " — it deletes the oldest log files for good, so ClusterDeck only offers it and never runs it.");
        long used = usage(facts.get("usage"));
        if (used > maxUse) {
            warnings.add("The journal uses " + size(used) + " now, more than the new cap of " + size(maxUse) + ": journald deletes "
                    + "its oldest archived files when it restarts, until it fits. Export them first (journalctl -o export) if you need them.");
        }
        if (!facts.get("active").equals("active")) {
            warnings.add("systemd-journald is '" + printable(facts.get("active")) + "' on " + host.hostName()
                    + ", not active: the restart in this step starts it.");
        }
        String file = "# ClusterDeck hardening (logging). Rolling the change back removes or restores this file.\n"
                + "[Journal]\n"
                + "Storage=persistent\n"
                + "SystemMaxUse=" + size(maxUse) + "\n"
                + "RateLimitIntervalSec=" + interval + "\n"
                + "RateLimitBurst=" + burst + "\n";
        List<ChangeEngine.Planned> changes = List.of(
                new ChangeEngine.Planned(StepKind.FILE, DROP_IN, file),
                ChangeEngine.Planned.reload("systemd-journald", "restart"));
        return new StepPlan(step(), "Journal kept on disk, capped at " + size(maxUse), changes, false, settings, notes, warnings, null);
    }

    @Override
    public List<Check> verify(RemoteShell shell, HostContext host, StepPlan plan, HardenOptions options) {
        List<Check> checks = new ArrayList<>();
        CommandResult active = shell.run(RemoteCommand.of("systemctl", "is-active", "systemd-journald"));
        checks.add(active.stdout().strip().equals("active")
                ? Check.pass(step(), "journald runs", "systemctl is-active systemd-journald: active")
                : Check.fail(step(), "journald runs", "systemctl is-active systemd-journald: " + active.stdout().strip()));
        CommandResult cat = shell.run(RemoteCommand.sudo("systemd-analyze", "cat-config", "systemd/journald.conf"));
        Map<String, String> wanted = wanted(plan);
        Map<String, String> effective = effective(cat.stdout());
        List<String> wrong = new ArrayList<>();
        wanted.forEach((k, v) -> {
            if (!v.equals(effective.get(k))) {
                wrong.add(k + " is " + effective.getOrDefault(k, "unset") + ", not " + v);
            }
        });
        checks.add(cat.ok() && wrong.isEmpty()
                ? Check.pass(step(), "journald's effective settings", "systemd-analyze cat-config: " + wanted)
                : Check.fail(step(), "journald's effective settings", cat.ok() ? String.join("; ", wrong)
                        + " (a drop-in sorting after " + DROP_IN + " overrides it?)" : "systemd-analyze failed: " + cat.stderr().strip()));
        CommandResult disk = shell.run(RemoteCommand.sudo("sh", "-c",
                "journalctl --flush && test -f /var/log/journal/$(cat /etc/machine-id)/system.journal"));
        checks.add(disk.ok()
                ? Check.pass(step(), "journal on disk", "/var/log/journal/<machine-id>/system.journal exists after journalctl --flush")
                : Check.fail(step(), "journal on disk", "no system.journal under /var/log/journal after journalctl --flush: " + disk.stderr().strip()));
        return checks;
    }

    /** The values the plan's drop-in sets, by key. */
    private static Map<String, String> wanted(StepPlan plan) {
        Map<String, String> m = new LinkedHashMap<>();
        for (ChangeEngine.Planned p : plan.changes()) {
            if (p.kind() == StepKind.FILE && DROP_IN.equals(p.target())) {
                m.putAll(effective(p.after()));
            }
        }
        return m;
    }

    /** The last value of each [Journal] key in journald config text (later files win, as in journald). */
    static Map<String, String> effective(String catConfig) {
        Map<String, String> m = new LinkedHashMap<>();
        boolean journal = false;
        for (String raw : catConfig.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("[")) {
                journal = line.equals("[Journal]");
            } else if (journal && !line.startsWith("#") && !line.startsWith(";") && line.contains("=")) {
                int eq = line.indexOf('=');
                m.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        return m;
    }

    /** 10% of /var, at most 4G, at least 64M, rounded down to 64M. */
    static long autoMaxUse(long varBytes) {
        long tenth = Math.min(varBytes / 10, 4 * GIB);
        long rounded = tenth / (64 * MIB) * (64 * MIB);
        return Math.max(rounded, 64 * MIB);
    }

    static long parseSize(String s) {
        Matcher m = SIZE.matcher(s);
        long bytes = m.matches() ? Long.parseLong(m.group(1)) * (m.group(2).equals("G") ? GIB : MIB) : -1;
        if (bytes < 16 * MIB || bytes > 64 * GIB) {
            throw new HardenException("logging.maxUse '" + printable(s) + "' is not a journal size: write auto, or a whole number "
                    + "of megabytes or gigabytes between 16M and 64G, e.g. 512M or 2G.");
        }
        return bytes;
    }

    /** journald's size syntax: whole gigabytes as "4G", anything else in megabytes. */
    static String size(long bytes) {
        return bytes % GIB == 0 ? bytes / GIB + "G" : bytes / MIB + "M";
    }

    static long usage(String out) {
        Matcher m = USAGE.matcher(out);
        if (!m.find()) {
            return -1;
        }
        double n = Double.parseDouble(m.group(1));
        long unit = switch (m.group(2)) {
            case "K" -> 1024L;
            case "M" -> MIB;
            case "G" -> GIB;
            case "T" -> 1024 * GIB;
            default -> 1L;
        };
        return (long) (n * unit);
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String printable(String s) {
        return Printable.of(s);
    }
}
