package org.clusterdeck.harden;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.clusterdeck.change.ChangeEngine;
import org.clusterdeck.model.StepKind;
import org.clusterdeck.remote.CommandResult;
import org.clusterdeck.remote.RemoteCommand;
import org.clusterdeck.remote.RemoteShell;

/**
 * The SSH daemon step: one drop-in, {@value #DROP_IN}, named to sort before distribution and
 * cloud-init drop-ins (cloud-init writes 50-cloud-init.conf; in sshd the first value read wins),
 * checked by the host's own {@code sshd -t} before sshd reloads, applied through the guarded apply
 * (a new login must succeed or the host puts the old files back), and read back with {@code sshd -T}.
 * When sshd_config does not include {@code sshd_config.d} (the lab hosts' config does not; Debian 12's
 * does), the Include line is added at the top of sshd_config, so the drop-in comes first.
 *
 * <p>Options:
 * <ul>
 *   <li>{@code ssh.permitRootLogin}: {@code no} or {@code prohibit-password}. Default: prohibit-password
 *       when ClusterDeck logs in as root (with a key), else no. {@code no} while ClusterDeck logs in as
 *       root is refused: it would lock ClusterDeck out.</li>
 *   <li>{@code ssh.allowTcpForwarding}: {@code no} (default), {@code local} or {@code yes}.</li>
 *   <li>{@code ssh.allowUsers}: user names separated by blanks or commas (default: not set); must
 *       include ClusterDeck's own login user.</li>
 * </ul>
 */
public final class SshModule implements StepModule {
    public static final String DROP_IN = "/etc/ssh/sshd_config.d/00-clusterdeck.conf";
    static final String CONFIG = "/etc/ssh/sshd_config";
    static final String INCLUDE = "Include /etc/ssh/sshd_config.d/*.conf";
    static final String OPT_ROOT = "ssh.permitRootLogin";
    static final String OPT_FORWARDING = "ssh.allowTcpForwarding";
    static final String OPT_ALLOW_USERS = "ssh.allowUsers";
    private static final Set<String> OPTIONS = Set.of(OPT_ROOT, OPT_FORWARDING, OPT_ALLOW_USERS);
    private static final String USER_NAME = "[A-Za-z_][A-Za-z0-9._-]{0,31}";
    private static final int MAX_SESSIONS = 10;

    @Override
    public HardenStep step() {
        return HardenStep.SSH;
    }

    @Override
    public Map<String, String> probes() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("version", "sshd -V 2>&1 | head -n 3; ssh -V 2>&1");
        p.put("effective", "sshd -T 2>&1");
        p.put("config", "cat /etc/ssh/sshd_config 2>/dev/null || echo '" + SshConfig.MISSING + "'");
        p.put("dropins", "grep -iHE '^[[:space:]]*[A-Za-z]' /etc/ssh/sshd_config.d/*.conf 2>/dev/null");
        p.put("current", "cat " + DROP_IN + " 2>/dev/null");
        p.put("unit", "for u in ssh sshd; do if systemctl cat \"$u.service\" >/dev/null 2>&1; then echo \"$u.service\"; "
                + "systemctl show -p KillMode -p Type \"$u.service\"; break; fi; done");
        p.put("hostkeys", "sshd -T 2>/dev/null | awk '$1==\"hostkey\"{print $2}' | while read -r k; do "
                + "ssh-keygen -l -f \"$k\" 2>/dev/null | awk -v k=\"$k\" '{print k, $1, $NF}'; done");
        // the login user is who ran sudo (or root itself); its authorized_keys as sshd resolves them
        p.put("login", "u=${SUDO_USER:-$(id -un)}; h=$(getent passwd \"$u\" | cut -d: -f6); echo \"user $u\"; "
                + "for f in $(sshd -T -C user=\"$u\",host=localhost,addr=127.0.0.1 2>/dev/null | sed -n 's/^authorizedkeysfile //p'); do "
                + "f=$(printf '%s' \"$f\" | sed -e \"s|%u|$u|g\" -e \"s|%h|$h|g\" -e 's|%%|%|g'); "
                + "case $f in /*) ;; *) f=\"$h/$f\";; esac; "
                + "if [ -s \"$f\" ]; then echo \"keys $f $(grep -cE '^[^#[:space:]]' \"$f\")\"; else echo \"nokeys $f\"; fi; done");
        return p;
    }

    @Override
    public StepPlan plan(HostContext host, HostFacts facts, HardenOptions options) {
        Choices choices = choices(host, options);
        Map<String, String> effective = SshConfig.parseEffective(facts.get("effective"));
        if (!effective.containsKey("port")) {
            String why = facts.get("effective").lines().findFirst().orElse("no output");
            return StepPlan.skip(step(), "sshd on " + host.hostName() + " did not print its configuration (sshd -T: " + why
                    + "). Install openssh-server, or fix its configuration (sshd -t) first.");
        }
        String unit = facts.get("unit").lines().findFirst().orElse("").strip();
        if (!unit.matches("sshd?\\.service")) {
            return StepPlan.skip(step(), host.hostName() + " has no ssh.service or sshd.service unit, so ClusterDeck cannot reload sshd there.");
        }
        SshAlgorithms.Version version = SshAlgorithms.parseVersion(facts.get("version"));
        if (version == null) {
            return StepPlan.skip(step(), "The OpenSSH version of " + host.hostName() + " could not be read (sshd -V, ssh -V): "
                    + "ClusterDeck chooses algorithms by version.");
        }
        List<String> notes = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Map<String, String> s = new LinkedHashMap<>();
        s.put("PermitRootLogin", choices.permitRoot);
        notes.add(choices.rootNote);
        s.put("PasswordAuthentication", "no");
        notes.add(loginNote(host, facts.get("login"), warnings));
        s.put("KbdInteractiveAuthentication", "no");
        s.put("MaxAuthTries", "3");
        s.put("LoginGraceTime", "30");
        notes.add("MaxAuthTries 3 and LoginGraceTime 30 s (dev-sec uses 2 and 30 s, CIS 4 and 60 s): three keys offered is enough "
                + "for an agent with a few keys, and an unauthenticated connection holds a slot for at most 30 s.");
        s.put("ClientAliveInterval", "300");
        s.put("ClientAliveCountMax", "2");
        notes.add("ClientAliveInterval 300 s with ClientAliveCountMax 2: a dead client's session is closed after about 10 minutes; "
                + "a live one (ClusterDeck's pooled connection included) answers the probe and stays.");
        s.put("X11Forwarding", "no");
        s.put("AllowAgentForwarding", "no");
        s.put("AllowTcpForwarding", choices.forwarding);
        notes.add("AllowTcpForwarding " + choices.forwarding + " (dev-sec: no): ClusterDeck never tunnels through SSH; a server that "
                + "forwards ports is a pivot into the cluster. Set " + OPT_FORWARDING + " = local if you use 'ssh -L'.");
        int sessionsNow = parseInt(effective.get("maxsessions"), MAX_SESSIONS);
        if (sessionsNow > MAX_SESSIONS) {
            notes.add("MaxSessions stays " + sessionsNow + " (set on this host, above dev-sec's and OpenSSH's 10): ClusterDeck runs "
                    + "its parallel jobs as sessions over one connection per host, and fewer would make them fail.");
        } else {
            s.put("MaxSessions", Integer.toString(MAX_SESSIONS));
            notes.add("MaxSessions 10 (OpenSSH's default, dev-sec's choice) although Lynis scores it as weak and suggests 2: "
                    + "ClusterDeck runs parallel jobs as sessions over one pooled connection per host, and 2 would make them fail; "
                    + "it limits sessions per authenticated connection, not logins, so it is no defence against guessing.");
        }
        if (choices.allowUsers != null) {
            s.put("AllowUsers", choices.allowUsers);
        }
        s.put("KexAlgorithms", String.join(",", SshAlgorithms.kex(version)));
        s.put("Ciphers", String.join(",", SshAlgorithms.ciphers(version)));
        s.put("MACs", String.join(",", SshAlgorithms.macs(version)));
        List<SshAlgorithms.HostKey> keys = SshAlgorithms.parseHostKeys(facts.get("hostkeys"));
        List<String> hostKeyAlgs = SshAlgorithms.hostKeyAlgorithms(version, keys);
        if (hostKeyAlgs.isEmpty()) {
            warnings.add("HostKeyAlgorithms is left as it is: " + host.hostName() + " has no Ed25519 or RSA host key ("
                    + keys.stream().map(SshAlgorithms.HostKey::type).toList() + "). Create one with 'ssh-keygen -A'.");
        } else {
            s.put("HostKeyAlgorithms", String.join(",", hostKeyAlgs));
        }
        keys.stream().filter(k -> k.type().equals("ECDSA")).findFirst().ifPresent(k -> warnings.add("The ECDSA host key "
                + k.file() + " is no longer offered (NIST curves, which ssh-audit fails): a client that trusted only that key "
                + "sees the host's Ed25519 or RSA key next time and must accept it."));
        keys.stream().filter(k -> k.type().equals("RSA") && k.bits() < 3072).findFirst().ifPresent(k -> warnings.add("The RSA host key "
                + k.file() + " has " + k.bits() + " bits; ssh-audit asks for 3072 or more (regenerate it with ssh-keygen -t rsa -b 4096)."));
        notes.add("Algorithms for OpenSSH " + version + " from the " + SshAlgorithms.REFERENCE + "; where they disagree ssh-audit is "
                + "followed: encrypt-then-MAC MACs only, no group-exchange key exchange (it needs /etc/ssh/moduli pruned).");
        List<ChangeEngine.Planned> changes = new ArrayList<>();
        String dropIn = SshConfig.dropIn(s, host.hostName(), version);
        changes.add(new ChangeEngine.Planned(StepKind.FILE, DROP_IN, dropIn));
        String config = facts.get("config");
        if (config.equals(SshConfig.MISSING)) {
            return StepPlan.skip(step(), host.hostName() + " has no " + CONFIG + " ClusterDeck could read.");
        }
        SshConfig.IncludeState include = SshConfig.include(config);
        if (include.missing()) {
            changes.add(new ChangeEngine.Planned(StepKind.FILE, CONFIG, SshConfig.withInclude(config)));
            notes.add(CONFIG + " does not include /etc/ssh/sshd_config.d: the Include line is added at its top, so the drop-in is read first.");
            List<String> others = SshConfig.otherDropIns(facts.get("dropins"), DROP_IN);
            if (!others.isEmpty()) {
                warnings.add("Adding the Include also makes sshd read " + String.join(", ", others) + ", which it ignores today.");
            }
        } else if (!include.before().isEmpty()) {
            warnings.add(CONFIG + " sets " + String.join(", ", include.before()) + " before its Include line: those values win over the drop-in.");
        }
        SshConfig.earlierDropIns(facts.get("dropins"), DROP_IN, s.keySet()).forEach((kw, file) ->
                warnings.add(file + " sorts before " + DROP_IN + " and sets " + kw + ": its value wins."));
        List<String> matches = SshConfig.matchBlocks(config, facts.get("dropins"));
        if (!matches.isEmpty()) {
            warnings.add(String.join(", ", matches) + " " + (matches.size() == 1 ? "has" : "have") + " Match blocks: their settings override "
                    + "these for the connections they match, and sshd -T shows the global values only.");
        }
        changes.add(ChangeEngine.Planned.command("check sshd config", List.of("sshd", "-t"), null));
        if (facts.get("unit").contains("KillMode=process") && facts.get("unit").contains("Type=notify")) {
            changes.add(ChangeEngine.Planned.reload(unit, "restart"));
            notes.add(unit + " is restarted, not reloaded: a reload (SIGHUP) returns before sshd listens again, and a login in that "
                    + "instant is refused; a restart returns when sshd reports ready (Type=notify), and open sessions stay (KillMode=process).");
        } else {
            changes.add(ChangeEngine.Planned.reload(unit, "reload"));
            // a restart would end every session of this unit, ClusterDeck's own included; give the reloaded sshd time to listen
            changes.add(ChangeEngine.Planned.command("let sshd listen again", List.of("sleep", "2"), null));
        }
        List<String> settings = s.entrySet().stream().map(e -> e.getKey() + " = " + e.getValue()).toList();
        if (facts.get("current").strip().equals(dropIn.strip()) && !include.missing()) {
            return new StepPlan(step(), "SSH daemon: already hardened", List.of(), true, settings, notes, warnings,
                    "The drop-in " + DROP_IN + " on " + host.hostName() + " already holds these settings.");
        }
        return new StepPlan(step(), "SSH daemon: " + DROP_IN, changes, true, settings, notes, warnings, null);
    }

    @Override
    public List<Check> verify(RemoteShell shell, HostContext host, StepPlan plan, HardenOptions options) {
        List<Check> checks = new ArrayList<>();
        CommandResult t = shell.run(RemoteCommand.sudo("sshd", "-T"));
        if (!t.ok()) {
            checks.add(Check.fail(step(), "sshd -T", "sshd -T failed: " + t.stderr().strip()));
            return checks;
        }
        Map<String, String> now = SshConfig.parseEffective(t.stdout());
        List<String> differ = new ArrayList<>();
        for (String line : plan.settings()) {
            String[] kv = line.split(" = ", 2);
            String got = now.get(kv[0].toLowerCase(Locale.ROOT));
            if (!SshConfig.sameValue(kv[0], got, kv[1])) {
                differ.add(kv[0] + " is " + (got == null ? "(not shown)" : got) + ", not " + kv[1] + SshConfig.whoSets(shell, kv[0]));
            }
        }
        checks.add(differ.isEmpty()
                ? Check.pass(step(), "sshd -T effective values", "all " + plan.settings().size() + " settings read back as planned")
                : Check.fail(step(), "sshd -T effective values", String.join("; ", differ)));
        String unit = plan.changes().stream().filter(c -> c.kind() == StepKind.SERVICE_RELOAD).map(ChangeEngine.Planned::target)
                .findFirst().orElse("ssh.service");
        CommandResult active = shell.run(RemoteCommand.of("systemctl", "is-active", "--", unit));
        checks.add(active.stdout().strip().equals("active")
                ? Check.pass(step(), unit + " running", "systemctl is-active: active; the guarded apply proved a new login")
                : Check.fail(step(), unit + " running", "systemctl is-active: " + active.stdout().strip()));
        return checks;
    }

    /** The user's choices, validated; refused with the option named when a value is wrong or would lock ClusterDeck out. */
    record Choices(String permitRoot, String rootNote, String forwarding, String allowUsers) {
    }

    static Choices choices(HostContext host, HardenOptions options) {
        for (String k : options.values().keySet()) {
            if (k.startsWith("ssh.") && !OPTIONS.contains(k)) {
                throw new HardenException("Unknown option " + printable(k) + ": the SSH step reads " + String.join(", ", OPTIONS.stream().sorted().toList()) + ".");
            }
        }
        String user = host.sshUser() == null || host.sshUser().isBlank() ? "root" : host.sshUser();
        boolean asRoot = user.equals("root");
        String root = options.get(OPT_ROOT, asRoot ? "prohibit-password" : "no");
        if (!root.equals("no") && !root.equals("prohibit-password")) {
            throw new HardenException(OPT_ROOT + " = " + printable(root) + " is not allowed: use no or prohibit-password (root logs in with a key only).");
        }
        if (root.equals("no") && asRoot) {
            throw new HardenException(OPT_ROOT + " = no would lock ClusterDeck out of " + host.hostName() + ": it logs in there as root. "
                    + "Give the host a sudo user in the inventory first, or use prohibit-password.");
        }
        String rootNote = root.equals("prohibit-password")
                ? "PermitRootLogin prohibit-password: " + (asRoot ? "ClusterDeck logs in to this host as root with a key, and 'no' would lock it out; " : "")
                + "root may log in with a key, never with a password."
                : "PermitRootLogin no: ClusterDeck logs in as " + user + " and uses sudo.";
        String fwd = options.get(OPT_FORWARDING, "no");
        if (!List.of("no", "local", "yes").contains(fwd)) {
            throw new HardenException(OPT_FORWARDING + " = " + printable(fwd) + " is not allowed: use no, local or yes.");
        }
        String allow = options.values().get(OPT_ALLOW_USERS);
        String allowUsers = null;
        if (allow != null) {
            if (allow.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
                throw new HardenException(OPT_ALLOW_USERS + ": '" + printable(allow) + "' is not a user name list: it holds a line break "
                        + "or control character. Separate names with blanks or commas.");
            }
            List<String> names = Arrays.stream(allow.strip().split("[\\s,]+")).filter(n -> !n.isEmpty()).toList();
            for (String n : names) {
                if (!n.matches(USER_NAME)) {
                    throw new HardenException(OPT_ALLOW_USERS + ": '" + printable(n) + "' is not a user name (letters, digits, '.', '_', '-'; "
                            + "first a letter or '_'; at most 32). Separate names with blanks or commas.");
                }
            }
            if (names.isEmpty()) {
                throw new HardenException(OPT_ALLOW_USERS + " is empty: name the users who may log in, or leave the option out.");
            }
            if (!names.contains(user)) {
                throw new HardenException(OPT_ALLOW_USERS + " = " + String.join(" ", names) + " leaves out " + user
                        + ", the user ClusterDeck logs in to " + host.hostName() + " as: it would lock ClusterDeck out. Add " + user + ".");
            }
            allowUsers = String.join(" ", names);
        }
        return new Choices(root, rootNote, fwd, allowUsers);
    }

    /** Why PasswordAuthentication no is safe here, with the evidence of the login probe. */
    private static String loginNote(HostContext host, String login, List<String> warnings) {
        List<String> found = login.lines().filter(l -> l.startsWith("keys ")).map(l -> l.substring(5)).toList();
        String user = login.lines().filter(l -> l.startsWith("user ")).map(l -> l.substring(5).strip()).findFirst().orElse(host.sshUser());
        if (found.isEmpty()) {
            warnings.add("No authorized_keys file with keys was found for " + user + " (" + login.replace('\n', ' ').strip()
                    + "); ClusterDeck logs in with a key all the same (a certificate or AuthorizedKeysCommand?), and the guarded apply "
                    + "keeps PasswordAuthentication no only if a new key login of " + user + " succeeds.");
        }
        return "PasswordAuthentication no: ClusterDeck logs in to " + host.hostName() + " as " + user + " with a key"
                + (found.isEmpty() ? "" : " (" + String.join(", ", found.stream().map(f -> f.replaceFirst(" (\\d+)$", ": $1 key(s)")).toList()) + ")")
                + "; the guarded apply keeps the change only after a new key login of " + user + " succeeded.";
    }

    private static int parseInt(String s, int fallback) {
        try {
            return s == null ? fallback : Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    static String printable(String s) {
        return s.replaceAll("\\p{Cntrl}", "?");
    }
}
