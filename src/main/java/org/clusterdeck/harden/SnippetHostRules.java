package org.clusterdeck.harden;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.clusterdeck.tuning.PlanIssue;
import org.clusterdeck.tuning.PlanValidator;
import org.clusterdeck.tuning.SysctlCatalog;
import org.clusterdeck.tuning.SysctlFragmentParser;
import org.clusterdeck.tuning.ValidationReport;

/**
 * Snippet rules for everything but the firewall: sshd_config lines, sysctl settings (checked by
 * kernel tuning's own parser and validator, so there is one sysctl validator), AppArmor commands,
 * journald settings and log commands.
 */
final class SnippetHostRules {
    static final Set<String> SSHD_KEYWORDS = Set.of("permitrootlogin", "passwordauthentication", "permitemptypasswords", "protocol",
            "ciphers", "macs", "kexalgorithms", "hostkeyalgorithms", "pubkeyacceptedalgorithms", "x11forwarding", "maxauthtries",
            "pubkeyauthentication", "kbdinteractiveauthentication", "challengeresponseauthentication", "usepam", "allowusers",
            "allowgroups", "port", "listenaddress", "logingracetime", "clientaliveinterval", "clientalivecountmax", "maxsessions",
            "allowtcpforwarding", "permituserenvironment", "usedns", "maxstartups");
    private static final Set<String> JOURNALD_KEYS = Set.of("Storage", "SystemMaxUse", "SystemKeepFree", "SystemMaxFileSize",
            "RuntimeMaxUse", "RateLimitIntervalSec", "RateLimitInterval", "RateLimitBurst", "ForwardToSyslog", "MaxRetentionSec",
            "Compress", "Seal", "MaxFileSec");
    private static final Pattern SIZE = Pattern.compile("([0-9]+)([KMGT]?)");
    private static final String CIPHERS = "chacha20-poly1305@openssh.com,aes256-gcm@openssh.com,aes128-gcm@openssh.com,aes256-ctr,aes192-ctr,aes128-ctr";
    private static final String MACS = "hmac-sha2-512-etm@openssh.com,hmac-sha2-256-etm@openssh.com,umac-128-etm@openssh.com";
    private static final String KEX = "sntrup761x25519-sha512@openssh.com,curve25519-sha256,curve25519-sha256@libssh.org,"
            + "diffie-hellman-group16-sha512,diffie-hellman-group18-sha512";
    private static final String SSH_STEP = "SSH daemon step: a drop-in in /etc/ssh/sshd_config.d that sorts first, checked with sshd -t, "
            + "effective values read back with sshd -T, guarded apply";

    private static final String LOGGING_STEP = "Logging step: journald drop-in /etc/systemd/journald.conf.d/60-clusterdeck.conf "
            + "(Storage=persistent, capped by disk size, explicit rate limit), journald restarted, drop-in removed on rollback; "
            + "journalctl --vacuum-size is shown as an offer, never run";
    private static final String APPARMOR_STEP = "AppArmor step: status from aa-status, the profiles that exist for the host's services "
            + "enforced (or in complain mode first), each with the command that restores its old mode";

    private SnippetHostRules() {
    }

    /** The journald key of a "Key=value" word, or null. */
    static String journaldKey(String word) {
        int eq = word.indexOf('=');
        return eq > 0 && JOURNALD_KEYS.contains(word.substring(0, eq)) ? word.substring(0, eq) : null;
    }

    /** Checks one command; false when it is none of this class's kinds. */
    static boolean check(SnippetCommand c, SnippetFindings f) {
        List<String> a = c.args();
        if (a.isEmpty()) {
            return false;
        }
        String first = a.get(0);
        if (!c.wrapped() && SSHD_KEYWORDS.contains(first.toLowerCase(Locale.ROOT))) {
            sshd(c, first.toLowerCase(Locale.ROOT), a.size() > 1 ? String.join(" ", a.subList(1, a.size())) : "", f);
            return true;
        }
        if (!c.wrapped() && journaldKey(first) != null) {
            journald(c, journaldKey(first), first.substring(first.indexOf('=') + 1), f);
            return true;
        }
        String redirect = c.redirect() != null ? c.redirect() : c.name().equals("tee") && a.size() > 1 ? a.get(a.size() - 1) : null;
        if (redirect != null && redirect.startsWith("/etc/apparmor.d")) {
            apparmorWrite(c, redirect, f);
            return true;
        }
        switch (c.name()) {
            case "systemctl", "service" -> systemctl(c, f);
            case "aa-enforce" -> f.step(HardenStep.APPARMOR, APPARMOR_STEP);
            case "aa-complain", "aa-disable", "aa-teardown", "apparmor_parser" -> apparmorTool(c, f);
            case "journalctl" -> journalctl(c, f);
            case "grep", "tail", "less", "cat" -> {
                if (a.contains("/var/log/syslog")) {
                    f.warn(c, "Debian 12 and newer keep their logs in the journal only: /var/log/syslog exists only where rsyslog is "
                            + "installed, so this reads nothing there", "journalctl -p err -b (errors since boot) or journalctl -g error");
                    f.step(HardenStep.LOGGING, LOGGING_STEP);
                } else {
                    return false;
                }
            }
            case "audit2why", "audit2allow" -> f.error(c, c.name() + " is SELinux's tool (policycoreutils): it explains SELinux AVC "
                    + "denials read from the audit log (/var/log/audit/audit.log, written by auditd), not syslog lines, and knows "
                    + "nothing of AppArmor; fed grep's output it finds no denial to explain",
                    "on an AppArmor host read denials with journalctl -k -g 'apparmor=\"DENIED\"', and turn them into profile rules with aa-logprof");
            case "setenforce" -> f.error(c, "setenforce 0 switches SELinux to permissive: nothing it would deny is denied any more",
                    "keep SELinux enforcing; fix the denial it reports (audit2allow on the AVC) instead");
            default -> {
                return false;
            }
        }
        return true;
    }

    private static void sshd(SnippetCommand c, String key, String value, SnippetFindings f) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        f.step(HardenStep.SSH, SSH_STEP);
        switch (key) {
            case "permitrootlogin" -> {
                if (v.equals("yes")) {
                    f.error(c, "root may log in with a password over the network: one guessed or leaked password is the whole machine, "
                            + "and every bot on the internet tries 'root' first", "PermitRootLogin no (or prohibit-password: root by key only)");
                    f.option("ssh.permitRootLogin", "no");
                } else if (v.equals("without-password")) {
                    f.warn(c, "without-password is the old name of prohibit-password; newer OpenSSH may drop it", "PermitRootLogin prohibit-password");
                }
            }
            case "passwordauthentication" -> {
                if (v.equals("yes")) {
                    f.warn(c, "passwords can be guessed: bots try thousands per hour against every public SSH port",
                            "PasswordAuthentication no — the SSH step sets it only after a key login of your user worked on a new connection");
                }
            }
            case "permitemptypasswords" -> {
                if (v.equals("yes")) {
                    f.error(c, "an account without a password can log in over the network with no secret at all", "PermitEmptyPasswords no");
                }
            }
            case "protocol" -> {
                if (v.matches(".*\\b1\\b.*")) {
                    f.error(c, "SSH protocol 1 is broken (forgeable integrity, session hijacking); OpenSSH 7.4 and later removed it "
                            + "and ignore this line, older ones would accept it", "delete the line: OpenSSH speaks protocol 2 only");
                }
            }
            case "ciphers" -> algorithms(c, v, f, "arcfour.*|des|3des-cbc|blowfish-cbc|cast128-cbc", ".*-cbc",
                    "stream or 64-bit block ciphers with practical attacks (arcfour's biased keystream, Sweet32 on 3DES/Blowfish)",
                    "CBC mode is open to plaintext-recovery attacks on SSH", "Ciphers " + CIPHERS);
            case "macs" -> algorithms(c, v, f, "hmac-md5.*|.*-96.*|umac-64.*", "hmac-sha1.*",
                    "MD5, 64-bit or truncated 96-bit MACs are too weak to protect integrity",
                    "SHA-1 MACs are being retired (and hmac-sha1 without -etm is encrypt-and-MAC)", "MACs " + MACS);
            case "kexalgorithms" -> algorithms(c, v, f, "diffie-hellman-group1-sha1|diffie-hellman-group-exchange-sha1",
                    "diffie-hellman-group14-sha1",
                    "1024-bit groups are within reach of a state-level attacker (Logjam) and SHA-1 exchange hashes are weak",
                    "SHA-1 key exchange is deprecated", "KexAlgorithms " + KEX);
            case "hostkeyalgorithms", "pubkeyacceptedalgorithms" -> algorithms(c, v, f, "ssh-dss.*", "ssh-rsa",
                    "DSA keys are 1024-bit and removed from OpenSSH 9.8", "ssh-rsa means RSA with SHA-1 signatures",
                    "use ssh-ed25519, rsa-sha2-512, rsa-sha2-256 (the SSH step's defaults)");
            case "x11forwarding" -> {
                if (v.equals("yes")) {
                    f.warn(c, "a server needs no X11 forwarding; it lets a compromised server reach the client's display", "X11Forwarding no");
                }
            }
            case "maxauthtries" -> {
                if (v.matches("[0-9]+") && Integer.parseInt(v) > 6) {
                    f.warn(c, "more than 6 tries per connection helps password guessing", "MaxAuthTries 3 (the SSH step's value)");
                }
            }
            case "permituserenvironment" -> {
                if (v.equals("yes")) {
                    f.warn(c, "users can set LD_PRELOAD and the like for sshd's child, bypassing ForceCommand", "PermitUserEnvironment no");
                }
            }
            default -> {
            }
        }
    }

    private static void algorithms(SnippetCommand c, String list, SnippetFindings f, String broken, String weak,
                                   String brokenWhy, String weakWhy, String fix) {
        String bad = null;
        String poor = null;
        for (String alg : list.split(",")) {
            String a = alg.strip().replaceFirst("^[+\\-^]", "");
            if (a.matches(broken) && bad == null) {
                bad = a;
            } else if (a.matches(weak) && poor == null) {
                poor = a;
            }
        }
        if (bad != null) {
            f.error(c, bad + ": " + brokenWhy, fix);
        } else if (poor != null) {
            f.warn(c, poor + ": " + weakWhy, fix);
        }
    }

    private static void journald(SnippetCommand c, String key, String value, SnippetFindings f) {
        f.step(HardenStep.LOGGING, LOGGING_STEP);
        switch (key) {
            case "Storage" -> {
                if (value.equals("volatile") || value.equals("none")) {
                    f.warn(c, "Storage=" + value + " keeps " + (value.equals("none") ? "no logs at all" : "logs in memory only: a reboot "
                            + "(or a crash, the moment you need them most) loses them"), "Storage=persistent");
                }
            }
            case "SystemMaxUse", "RuntimeMaxUse" -> {
                Matcher m = SIZE.matcher(value.strip());
                if (m.matches()) {
                    long n = Long.parseLong(m.group(1));
                    long bytes = n * switch (m.group(2)) {
                        case "K" -> 1024L;
                        case "M" -> 1024L * 1024;
                        case "G" -> 1024L * 1024 * 1024;
                        case "T" -> 1024L * 1024 * 1024 * 1024;
                        default -> 1L;
                    };
                    if (bytes < 64L * 1024 * 1024) {
                        f.warn(c, key + "=" + value + " is so small that a busy web server rotates its logs away within hours: "
                                + "the evidence of an incident is gone before anyone looks", "let the logging step size it by the disk (logging.maxUse = auto)");
                        f.option("logging.maxUse", "auto");
                    }
                }
            }
            case "RateLimitBurst", "RateLimitIntervalSec", "RateLimitInterval" -> {
                if (value.strip().equals("0")) {
                    f.warn(c, key + "=0 turns the rate limit off: one looping service can push every other service's messages out "
                            + "of the journal", "keep a limit (the logging step uses 10000 messages per 30 s)");
                }
            }
            default -> {
            }
        }
    }

    private static void systemctl(SnippetCommand c, SnippetFindings f) {
        List<String> a = c.args();
        String verb = a.size() > 1 ? a.get(1) : "";
        for (String unit : a.subList(Math.min(2, a.size()), a.size())) {
            String base = unit.replaceFirst("\\.service$", "");
            if (base.equalsIgnoreCase("apparmor") && !base.equals("apparmor")) {
                f.error(c, "unit names are case-sensitive: there is no unit '" + unit + "' (it is apparmor.service), so systemctl fails "
                        + "with 'Unit " + base + ".service not found' and the " + verb + " does nothing",
                        "systemctl enable --now apparmor — or let the AppArmor step check aa-status and enforce the profiles");
                f.step(HardenStep.APPARMOR, APPARMOR_STEP);
            } else if (base.equals("apparmor") && List.of("stop", "disable", "mask").contains(verb)) {
                f.error(c, "this turns AppArmor off: after the next boot no profile is loaded and every service runs unconfined",
                        "keep apparmor enabled; put one profile in complain mode (aa-complain) if it gets in the way");
            } else if (List.of("firewalld", "ufw", "nftables", "netfilter-persistent").contains(base) && List.of("stop", "disable", "mask").contains(verb)) {
                f.warn(c, "this turns the host's firewall off" + (verb.equals("stop") ? " now" : " from the next boot"),
                        "let the firewall step work with the active firewall, or replace it in one guarded change");
                f.step(HardenStep.FIREWALL, "Firewall step: detects ufw/firewalld and offers to use it or to stop it, in the same guarded change");
            } else if (List.of("unattended-upgrades", "apt-daily-upgrade.timer", "dnf-automatic-install.timer").contains(unit)
                    && List.of("stop", "disable", "mask").contains(verb)) {
                f.warn(c, "security updates stop being installed automatically", "keep it enabled; choose the reboot policy instead (updates.reboot)");
                f.step(HardenStep.UPDATES, "Updates step: unattended-upgrades / dnf-automatic with the reboot policy shown");
            }
        }
    }

    private static void apparmorWrite(SnippetCommand c, String target, SnippetFindings f) {
        String content = String.join(" ", c.args().subList(1, c.args().size()));
        boolean gluedPath = target.length() > "/etc/apparmor.d".length() && target.charAt("/etc/apparmor.d".length()) != '/';
        StringBuilder why = new StringBuilder(gluedPath ? "means to write into AppArmor's policy directory by hand"
                : "writes into AppArmor's policy directory by hand");
        if (content.contains("unconfined")) {
            why.append(": 'unconfined' is not a profile — apparmor_parser rejects the file, so loading policy fails at boot and on "
                    + "every reload, and 'unconfined' as a mode means no confinement at all");
        }
        if (gluedPath) {
            why.append("; the text after 'apparmor.d' is glued on without '/': the shell creates a new file '").append(target)
                    .append("' in /etc, next to the directory, not a profile in it");
        }
        f.error(c, why.toString(), "never write into /etc/apparmor.d: the AppArmor step enforces (or puts in complain mode first) "
                + "the profiles packages ship for the host's services");
        f.step(HardenStep.APPARMOR, APPARMOR_STEP);
        f.option("apparmor.mode", "enforce");
    }

    private static void apparmorTool(SnippetCommand c, SnippetFindings f) {
        String why = switch (c.name()) {
            case "aa-complain" -> "complain mode only logs what the profile would deny: the service is no longer confined";
            case "aa-disable" -> "disables the profile (now and at every boot): the service runs unconfined";
            case "aa-teardown" -> "unloads every AppArmor profile: every service runs unconfined until the next boot";
            default -> c.has("-R") || c.has("--remove") ? "removes the profile from the kernel: the service runs unconfined" : null;
        };
        if (why == null) {
            return;
        }
        f.warn(c, why, "keep profiles in enforce mode; use complain mode only for a while, to learn what a new profile would deny");
        f.step(HardenStep.APPARMOR, APPARMOR_STEP);
        f.option("apparmor.mode", "enforce");
    }

    private static void journalctl(SnippetCommand c, SnippetFindings f) {
        if (c.hasPrefix("--vacuum-")) {
            f.warn(c, "vacuuming deletes the oldest journal files for good: the logs an incident review or an audit needs, with no "
                    + "copy kept (a 10M journal holds minutes to hours of a busy host)",
                    "cap the journal by disk size instead (logging step: SystemMaxUse, journald rotates by itself); if it must "
                            + "shrink now, export first: journalctl -o export > journal.export");
            f.step(HardenStep.LOGGING, LOGGING_STEP);
            f.option("logging.maxUse", "auto");
        }
    }

    /**
     * Checks a line of sysctl settings with kernel tuning's parser and validator (refused keys such as a
     * core_pattern pipe, unknown keys, bad values, protections lowered).
     */
    static void sysctl(String line, int lineNo, SnippetFindings f, SysctlCatalog catalog) {
        SysctlFragmentParser.Result parsed = SysctlFragmentParser.parse(line);
        ValidationReport report = new PlanValidator(catalog).validate(parsed.settings());
        for (PlanIssue i : concat(parsed.issues(), report.issues())) {
            String fragment = i.key() == null ? line.strip() : i.key() + " = " + (i.value() == null ? "" : i.value());
            f.problems.add(new SnippetProblem(i.severity(), lineNo, Math.max(i.column(), 1), fragment, i.message(),
                    i.fix() == null ? "see kernel tuning's catalog (Tools ▸ Kernel tuning)" : i.fix()));
        }
        f.step(HardenStep.KERNEL, "Kernel step (security sysctls) or kernel tuning (performance keys): checked against the "
                + "catalog and the host, applied with before-values, verified, rolled back exactly");
    }

    private static List<PlanIssue> concat(List<PlanIssue> a, List<PlanIssue> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
