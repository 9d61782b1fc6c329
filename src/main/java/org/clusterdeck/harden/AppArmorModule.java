package org.clusterdeck.harden;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.clusterdeck.change.ChangeEngine;
import org.clusterdeck.remote.CommandResult;
import org.clusterdeck.remote.RemoteCommand;
import org.clusterdeck.remote.RemoteShell;

/**
 * AppArmor step: puts the profiles that exist in /etc/apparmor.d for the host's services (nginx,
 * mysqld/mariadbd, sshd) into enforce mode — or complain mode first, to learn what a profile would
 * deny — with {@code aa-enforce}/{@code aa-complain}; each command's undo puts the profile back
 * in the mode the probe saw. ClusterDeck never writes profiles itself (the source's
 * {@code echo 'unconfined' > /etc/apparmor.d…} turns confinement off); a host whose kernel has no
 * AppArmor (containers on a kernel without it, lab hosts here) gets the step skipped with the reason.
 * Enforcing sshd's profile can refuse logins, so a plan touching sshd goes through the guarded apply.
 *
 * <p>Option {@code apparmor.mode} = "enforce" (default) or "complain".
 */
public final class AppArmorModule implements StepModule {
    /** Service binaries whose profiles this step manages, with the systemd units that run them. */
    static final Map<String, List<String>> SERVICES = Map.of(
            "/usr/sbin/nginx", List.of("nginx"),
            "/usr/sbin/mysqld", List.of("mysql", "mariadb"),
            "/usr/sbin/mariadbd", List.of("mariadb"),
            "/usr/sbin/sshd", List.of("ssh", "sshd"));
    private static final Pattern PROFILE_LINE = Pattern.compile(
            "^(/etc/apparmor\\.d/[^:/]+):\\s*(?:profile\\s+(\\S+)\\s+)?(/usr/s?bin/(?:nginx|mysqld|mariadbd|sshd))\\s*(?:flags\\s*=\\s*\\(([^)]*)\\))?\\s*\\{?.*$");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A profile for one service: the file, its name as the kernel knows it, the binary it confines. */
    record Profile(String file, String name, String binary, String fileFlags) {
    }

    @Override
    public HardenStep step() {
        return HardenStep.APPARMOR;
    }

    @Override
    public Map<String, String> probes() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("kernel", "cat /sys/module/apparmor/parameters/enabled 2>/dev/null; test -d /sys/kernel/security/apparmor && echo securityfs");
        p.put("status", "aa-status --json 2>/dev/null");
        p.put("profiles", "grep -sHE '^[[:space:]]*(profile[[:space:]]+[^[:space:]]+[[:space:]]+)?/usr/s?bin/(nginx|mysqld|mariadbd|sshd)"
                + "[[:space:]]*(flags[[:space:]]*=|\\{)' /etc/apparmor.d/*");
        p.put("disabled", "ls /etc/apparmor.d/disable 2>/dev/null");
        p.put("tools", "command -v aa-enforce aa-complain aa-disable");
        p.put("services", "for u in nginx mysql mariadb ssh sshd; do echo \"$u $(systemctl is-active $u 2>/dev/null)\"; done");
        return p;
    }

    static boolean kernelEnabled(String kernel) {
        return kernel.lines().anyMatch(l -> l.strip().equals("Y")) && kernel.contains("securityfs");
    }

    static String mode(HardenOptions options) {
        String m = options.get("apparmor.mode", "enforce").strip();
        if (!m.equals("enforce") && !m.equals("complain")) {
            throw new HardenException("apparmor.mode '" + Printable.of(m) + "' is not a mode: write enforce (AppArmor denies what the "
                    + "profile does not allow) or complain (it only logs that, to try a profile first).");
        }
        return m;
    }

    @Override
    public StepPlan plan(HostContext host, HostFacts facts, HardenOptions options) {
        String mode = mode(options);
        if (!kernelEnabled(facts.get("kernel"))) {
            return StepPlan.skip(step(), "AppArmor is not enabled in the kernel of " + host.hostName()
                    + " (no /sys/kernel/security/apparmor, /sys/module/apparmor/parameters/enabled is not Y), so no profile can be "
                    + "enforced. A container shares its machine's kernel; on a VM or server boot a kernel with AppArmor "
                    + "(Debian's and Ubuntu's default; kernel option apparmor=1) and install the apparmor package.");
        }
        List<Profile> profiles = profiles(facts.get("profiles"));
        if (profiles.isEmpty()) {
            return StepPlan.skip(step(), "No AppArmor profile in /etc/apparmor.d confines nginx, mysqld, mariadbd or sshd on "
                    + host.hostName() + ". ClusterDeck does not write profiles: they come from packages (apparmor-profiles, "
                    + "apparmor-profiles-extra, or the service's own) or from you, tried in complain mode first (aa-logprof).");
        }
        if (!facts.get("tools").contains("aa-enforce")) {
            return StepPlan.skip(step(), "aa-enforce and aa-complain are not installed on " + host.hostName()
                    + ": install the apparmor-utils package (apt-get install apparmor-utils), then plan this step again.");
        }
        Map<String, String> loaded = loadedModes(facts.get("status"));
        List<String> disabled = List.of(facts.get("disabled").split("\\s+"));
        Map<String, String> active = activeUnits(facts.get("services"));
        List<ChangeEngine.Planned> changes = new ArrayList<>();
        List<String> settings = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        boolean sshd = false;
        for (Profile p : profiles) {
            String before = before(p, loaded, disabled);
            List<String> units = SERVICES.get(p.binary()).stream().filter(u -> "active".equals(active.get(u))).toList();
            String runs = units.isEmpty() ? "service not running" : "runs as " + String.join(", ", units);
            if (before.equals(mode)) {
                settings.add(p.name() + " (" + p.file() + "): already " + mode + ", " + runs);
                continue;
            }
            settings.add(p.name() + " (" + p.file() + "): " + before + " → " + mode + ", " + runs);
            changes.add(ChangeEngine.Planned.command(mode + " " + p.name() + " profile",
                    List.of(mode.equals("enforce") ? "aa-enforce" : "aa-complain", p.file()), undo(before, p.file())));
            sshd |= p.binary().equals("/usr/sbin/sshd");
        }
        if (mode.equals("complain")) {
            notes.add("Complain mode logs what a profile would deny (journalctl -k | grep apparmor=\"ALLOWED\") without denying it; "
                    + "when the log stays quiet under normal load, plan again with apparmor.mode = enforce.");
        }
        if (sshd) {
            notes.add("sshd's profile changes: the step goes through the guarded apply, so a profile that refuses logins is undone by the host itself.");
        }
        return new StepPlan(step(), "AppArmor profiles in " + mode + " mode", changes, sshd, settings, notes, List.of(), null);
    }

    private static String before(Profile p, Map<String, String> loaded, List<String> disabled) {
        String m = loaded.get(p.name());
        if (m != null) {
            return m;
        }
        String base = p.file().substring(p.file().lastIndexOf('/') + 1);
        return disabled.contains(base) ? "disabled" : "not loaded";
    }

    /** The command that puts a profile back into {@code before} mode. */
    static List<String> undo(String before, String file) {
        return switch (before) {
            case "enforce" -> List.of("aa-enforce", file);
            case "complain" -> List.of("aa-complain", file);
            case "not loaded" -> List.of("apparmor_parser", "--remove", file);
            default -> List.of("aa-disable", file);
        };
    }

    static List<Profile> profiles(String grepOut) {
        Map<String, Profile> byName = new LinkedHashMap<>();
        for (String line : grepOut.split("\n")) {
            Matcher m = PROFILE_LINE.matcher(line.strip());
            if (m.matches()) {
                String name = m.group(2) != null ? m.group(2) : m.group(3);
                byName.putIfAbsent(name, new Profile(m.group(1), name, m.group(3), m.group(4) == null ? "" : m.group(4).strip()));
            }
        }
        return List.copyOf(byName.values());
    }

    /** Profile name → mode from {@code aa-status --json} (empty when it printed nothing or not JSON). */
    static Map<String, String> loadedModes(String json) {
        Map<String, String> m = new LinkedHashMap<>();
        if (json.isBlank()) {
            return m;
        }
        try {
            JsonNode profiles = JSON.readTree(json).path("profiles");
            profiles.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
        } catch (IOException e) {
            // not JSON (an old aa-status): treated as nothing loaded, which only makes the undo aa-disable
        }
        return m;
    }

    static Map<String, String> activeUnits(String out) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            String[] p = line.strip().split("\\s+");
            if (p.length == 2) {
                m.put(p[0], p[1]);
            }
        }
        return m;
    }

    @Override
    public List<Check> verify(RemoteShell shell, HostContext host, StepPlan plan, HardenOptions options) {
        String mode = mode(options);
        List<Check> checks = new ArrayList<>();
        CommandResult status = shell.run(RemoteCommand.sudo("aa-status", "--json"));
        Map<String, String> loaded = loadedModes(status.stdout());
        for (String setting : plan.settings()) {
            String name = setting.substring(0, setting.indexOf(" ("));
            String now = loaded.getOrDefault(name, "not loaded");
            checks.add(now.equals(mode) ? Check.pass(step(), name + " in " + mode + " mode", "aa-status --json: " + now)
                    : Check.fail(step(), name + " in " + mode + " mode", "aa-status --json: " + now));
            if (setting.contains("runs as ")) {
                for (String unit : setting.substring(setting.indexOf("runs as ") + 8).split(",\\s*")) {
                    CommandResult r = shell.run(RemoteCommand.of("systemctl", "is-active", unit.strip()));
                    String state = r.stdout().strip();
                    checks.add(state.equals("active") ? Check.pass(step(), unit.strip() + " still runs", "systemctl is-active: active")
                            : Check.fail(step(), unit.strip() + " still runs", "systemctl is-active: " + state));
                }
            }
        }
        return checks;
    }
}
