package org.clusterdeck.scan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.clusterdeck.harden.PermissionsModule;
import org.clusterdeck.harden.Role;
import org.clusterdeck.scan.HostAuditCheck.Input;
import org.clusterdeck.scan.HostAuditCheck.Verdict;

/**
 * The host audit's table of checks (in the spirit of Lynis and the CIS Debian benchmark) and the
 * read-only probes they read. Probes are constant text: nothing from a host or a user is ever
 * spliced into them. Secrets stay on the host: the shadow probe prints only whether a password is
 * empty, locked or set, never a hash.
 */
final class HostAuditChecks {
    private HostAuditChecks() {
    }

    private static final List<HostAuditCheck> CHECKS = new ArrayList<>();
    private static final Set<String> SYSCTL_KEYS = new LinkedHashSet<>();
    private static final List<String> STAT_PATHS = new ArrayList<>();
    private static final List<String> UNITS = new ArrayList<>();
    private static final List<String> PACKAGES = new ArrayList<>();
    private static final Set<String> KNOWN_SUID = PermissionsModule.KNOWN_SUID;

    static List<HostAuditCheck> all() {
        return List.copyOf(CHECKS);
    }

    static Map<String, String> probes() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("sysctl", "sysctl -e " + String.join(" ", SYSCTL_KEYS));
        p.put("sshd", "sshd -T 2>&1 | head -300");
        p.put("passwd", "cat /etc/passwd");
        p.put("group", "cut -d: -f1,3 /etc/group");
        // the status of each password only (EMPTY/LOCKED/SET), never the hash
        p.put("shadow", "awk -F: '{s=\"SET\"; if ($2==\"\") s=\"EMPTY\"; else if ($2 ~ /^[!*]/) s=\"LOCKED\"; print $1\":\"s}' /etc/shadow");
        p.put("sudoers", "grep -hvE '^[[:space:]]*(#|$)' /etc/sudoers /etc/sudoers.d/* 2>/dev/null");
        p.put("stat", "stat -c '%n %a %U %G' " + String.join(" ", STAT_PATHS) + " 2>/dev/null");
        p.put("hostkeys", "stat -c '%n %a %U %G' /etc/ssh/ssh_host_*_key 2>/dev/null");
        p.put("homes", "awk -F: '$3>=1000 && $3<65534 {print $6}' /etc/passwd | while read -r d; do [ -d \"$d\" ] && stat -c '%n %a %U %G' \"$d\"; done");
        p.put("mounts", "cat /proc/mounts");
        // the two slow probes run side by side (the package lists are read while the file systems are walked, once, for
        // all the file checks). apt reads only the security suites' lists (a temporary sources directory, removed at the
        // end): building its cache from every suite cost 1.5 s of CPU per host where the cache file is off (docker-clean,
        // the lab hosts); with no security suite configured it reads them all.
        p.put("slow", "t=$(mktemp -d) || exit 1; mkdir \"$t/p\"; grep -hE '^[[:space:]]*deb[[:space:]].*(-security|/updates)([[:space:]]|$)' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null > \"$t/p/s.list\"; awk 'BEGIN{RS=\"\";FS=\"\\n\"} {k=0; o=\"\"; for(i=1;i<=NF;i++){l=$i; if(l ~ /^Suites:/){n=split(l,w,/[ \\t]+/); l=\"Suites:\"; for(j=2;j<=n;j++) if(w[j] ~ /(-security|\\/updates)$/){l=l\" \"w[j]; k=1}} o=o l \"\\n\"} if(k) printf \"%s\\n\", o}' /etc/apt/sources.list.d/*.sources 2>/dev/null > \"$t/p/s.sources\"; for f in \"$t/p/s.list\" \"$t/p/s.sources\"; do [ -s \"$f\" ] || rm -f \"$f\"; done; o=''; [ -n \"$(ls \"$t/p\")\" ] && o=\"-o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts=$t/p\"; (timeout 20 apt list --upgradable $o 2>/dev/null | grep -v '^Listing' | head -200 > \"$t/up\") & "
                + PermissionsModule.WALK + "; wait; sed 's/^/upgradable /' \"$t/up\"; rm -rf \"$t\"");
        p.put("listen", "ss -ltnH 2>/dev/null");
        // the input firewall as it is loaded (every table, both iptables families): whether a listener is reachable at all
        p.put("fwrules", "nft list ruleset 2>/dev/null | head -n 3000 | sed 's/^/nft /'; iptables -S INPUT 2>/dev/null | head -n 1000 | sed 's/^/v4 /'; "
                + "ip6tables -S INPUT 2>/dev/null | head -n 1000 | sed 's/^/v6 /'");
        p.put("udp", "ss -lunH 2>/dev/null");
        // one systemctl for every unit (it prints one state per unit, in order): a process per unit cost a second
        p.put("units", "set -- " + String.join(" ", UNITS) + "; systemctl is-active \"$@\" 2>/dev/null | "
                + "for s in \"$@\"; do read -r st; printf '%s %s\\n' \"$s\" \"${st:-unknown}\"; done");
        p.put("journald", "grep -hE '^[[:space:]]*Storage' /etc/systemd/journald.conf /etc/systemd/journald.conf.d/*.conf 2>/dev/null; "
                + "[ -d /var/log/journal ] && echo 'dir /var/log/journal'; true");
        p.put("firewall", "nft list chains 2>/dev/null | grep -E 'hook input' | sed 's/^[[:space:]]*/nft /'; "
                + "iptables -S INPUT 2>/dev/null | head -1 | sed 's/^/v4 /'; ip6tables -S INPUT 2>/dev/null | head -1 | sed 's/^/v6 /'; "
                + "echo \"nftrules $(nft list ruleset 2>/dev/null | grep -cE '^[[:space:]]+(ip|ip6|tcp|udp|ct|iif|iifname|meta|accept|drop|reject)')\"; "
                + "echo \"iptrules $(iptables -S 2>/dev/null | grep -c '^-A')\"");
        p.put("packages", "dpkg-query -W -f '${Package} ${db:Status-Abbrev}\\n' " + String.join(" ", PACKAGES) + " 2>/dev/null");
        p.put("mac", "echo \"apparmor $(cat /sys/module/apparmor/parameters/enabled 2>/dev/null)\"; "
                + "echo \"selinux $(getenforce 2>/dev/null)\"; [ -d /sys/fs/selinux ] && echo 'selinuxfs yes'; true");
        p.put("logindefs", "grep -E '^[[:space:]]*(PASS_MAX_DAYS|PASS_MIN_DAYS|PASS_WARN_AGE|UMASK|ENCRYPT_METHOD)[[:space:]]' /etc/login.defs 2>/dev/null");
        p.put("limits", "grep -rhE '^[[:space:]]*[^#[:space:]]+[[:space:]]+(hard|-)[[:space:]]+core[[:space:]]' /etc/security/limits.conf /etc/security/limits.d 2>/dev/null; "
                + "grep -hE '^[[:space:]]*(Storage|ProcessSizeMax)' /etc/systemd/coredump.conf /etc/systemd/coredump.conf.d/*.conf 2>/dev/null; true");
        p.put("pam", "grep -hE '^[^#]*(pam_pwquality|pam_faillock|pam_tally2|nullok)' /etc/pam.d/common-password /etc/pam.d/common-auth 2>/dev/null");
        p.put("cronallow", "for f in /etc/cron.allow /etc/at.allow /etc/cron.deny /etc/at.deny; do [ -e \"$f\" ] && stat -c '%n %a %U %G' \"$f\"; done; true");
        return p;
    }

    /** Names of the outputs checks read that the "slow" probe carries, line by line, behind a prefix. */
    private static final List<String> SLOW = List.of("ww", "wwdirs", "suid", "upgradable");
    /** The listeners ("listen") followed by the input firewall's rules ("fwrules"): what CD-NET-001 judges. */
    static final String LISTEN_FW = "listen-fw";

    /** The probe outputs as checks read them: the "slow" probe's prefixed lines split into their own outputs. */
    static Map<String, String> derive(Map<String, String> gathered) {
        Map<String, String> out = new LinkedHashMap<>(gathered);
        String slow = gathered.get("slow");
        if (slow != null) {
            Map<String, StringBuilder> parts = new LinkedHashMap<>();
            SLOW.forEach(k -> parts.put(k, new StringBuilder()));
            for (String l : slow.lines().toList()) {
                int sp = l.indexOf(' ');
                if (sp > 0 && parts.containsKey(l.substring(0, sp))) {
                    parts.get(l.substring(0, sp)).append(l.substring(sp + 1)).append('\n');
                }
            }
            parts.forEach((k, v) -> out.put(k, v.toString().strip()));
        }
        String listen = gathered.get("listen");
        if (listen != null) {
            out.put(LISTEN_FW, (listen + "\n" + gathered.getOrDefault("fwrules", "")).strip());
        }
        return out;
    }

    private static void add(String id, String category, double severity, String title, String probe, Function<Input, Verdict> judge,
                            String why, String fix, String step) {
        if (CHECKS.stream().anyMatch(c -> c.id().equals(id))) {
            throw new IllegalStateException("duplicate check id " + id);
        }
        CHECKS.add(new HostAuditCheck(id, category, severity, title, probe, judge, why, fix, step));
    }

    // ---- kernel ----

    private static int sysctlN;

    private static void sysctl(String key, Predicate<String> ok, String want, double sev, String why, String step) {
        SYSCTL_KEYS.add(key);
        String id = String.format("CD-KRN-%03d", ++sysctlN);
        add(id, "kernel", sev, key + " is " + want, "sysctl", in -> {
            for (String l : in.lines()) {
                String[] kv = l.split(" = ", 2);
                if (kv.length == 2 && kv[0].strip().equals(key)) {
                    return Verdict.of(ok.test(kv[1].strip()), List.of(l));
                }
            }
            return Verdict.skip(key + " does not exist in this host's kernel (sysctl -e printed nothing for it).");
        }, why, "Set " + key + " (" + want + ") in /etc/sysctl.d/ and apply it with sysctl --system.", step);
    }

    private static Predicate<String> eq(String v) {
        return v::equals;
    }

    private static Predicate<String> atLeast(int n) {
        return v -> v.matches("-?\\d+") && Integer.parseInt(v) >= n;
    }

    static {
        String k = "kernel";
        sysctl("net.ipv4.ip_forward", eq("0"), "0", 5, "a host that forwards packets routes between networks an attacker can reach; "
                + "only routers, libvirt NAT and container hosts need it", k);
        sysctl("net.ipv6.conf.all.forwarding", eq("0"), "0", 4, "IPv6 forwarding turns the host into a router", null);
        sysctl("net.ipv4.conf.all.rp_filter", v -> v.equals("1") || v.equals("2"), "1 or 2", 4, "reverse-path filtering drops spoofed source addresses", k);
        sysctl("net.ipv4.conf.default.rp_filter", v -> v.equals("1") || v.equals("2"), "1 or 2", 3, "reverse-path filtering for new interfaces", k);
        sysctl("net.ipv4.tcp_syncookies", eq("1"), "1", 5, "SYN cookies keep the host answering during a SYN flood", k);
        for (String f : List.of("net.ipv4.conf.all", "net.ipv4.conf.default", "net.ipv6.conf.all", "net.ipv6.conf.default")) {
            sysctl(f + ".accept_redirects", eq("0"), "0", 4, "ICMP redirects let anyone on the link rewrite the routing table", k);
        }
        for (String f : List.of("net.ipv4.conf.all", "net.ipv4.conf.default")) {
            sysctl(f + ".secure_redirects", eq("0"), "0", 3, "even redirects from gateways can be forged on the link", null);
            sysctl(f + ".send_redirects", eq("0"), "0", 3, "only routers send redirects; a host that does leaks its routes", k);
        }
        for (String f : List.of("net.ipv4.conf.all", "net.ipv4.conf.default", "net.ipv6.conf.all", "net.ipv6.conf.default")) {
            sysctl(f + ".accept_source_route", eq("0"), "0", 5, "source-routed packets choose their own path around filters", k);
        }
        sysctl("net.ipv4.conf.all.log_martians", eq("1"), "1", 2, "packets with impossible source addresses show up in the log", k);
        sysctl("net.ipv4.conf.default.log_martians", eq("1"), "1", 2, "packets with impossible source addresses show up in the log", k);
        sysctl("net.ipv4.icmp_echo_ignore_broadcasts", eq("1"), "1", 3, "answering broadcast pings amplifies smurf attacks", k);
        sysctl("net.ipv4.icmp_ignore_bogus_error_responses", eq("1"), "1", 1, "bogus ICMP errors only fill the log", null);
        sysctl("net.ipv6.conf.all.accept_ra", eq("0"), "0", 2, "router advertisements let anyone on the link become the IPv6 gateway "
                + "(leave on only where SLAAC configures the address)", null);
        sysctl("net.ipv6.conf.default.accept_ra", eq("0"), "0", 2, "router advertisements on new interfaces", null);
        sysctl("kernel.kptr_restrict", atLeast(1), "1 or more", 4, "kernel addresses in /proc help exploits defeat KASLR", k);
        sysctl("kernel.dmesg_restrict", eq("1"), "1", 3, "the kernel log leaks addresses and hardware details to every user", k);
        sysctl("kernel.yama.ptrace_scope", atLeast(1), "1 or more", 4, "any process could read the memory of the user's other processes (ssh-agent, browsers)", k);
        sysctl("fs.protected_hardlinks", eq("1"), "1", 4, "hard links to other users' files enable time-of-check attacks", k);
        sysctl("fs.protected_symlinks", eq("1"), "1", 4, "symlinks in /tmp redirect root's writes", k);
        sysctl("fs.protected_fifos", atLeast(1), "1 or 2", 2, "FIFOs pre-created in sticky directories spoof data", k);
        sysctl("fs.protected_regular", atLeast(1), "1 or 2", 2, "files pre-created in sticky directories are opened by root", k);
        sysctl("fs.suid_dumpable", eq("0"), "0", 5, "core dumps of set-user-ID programs hold root's memory (password hashes, keys)", k);
        sysctl("kernel.randomize_va_space", eq("2"), "2", 6, "without full ASLR memory-corruption exploits are reliable", k);
        sysctl("kernel.sysrq", v -> v.equals("0") || v.equals("176") || v.equals("16"), "0 (or 176: sync/remount/reboot only)", 2,
                "the magic SysRq key lets anyone at the console kill processes or dump memory", null);
        sysctl("kernel.unprivileged_bpf_disabled", atLeast(1), "1 or 2", 4, "unprivileged eBPF has been a steady source of kernel exploits", null);
        sysctl("net.core.bpf_jit_harden", eq("2"), "2", 2, "JIT spraying turns BPF programs into exploit gadgets", null);
        sysctl("kernel.perf_event_paranoid", atLeast(2), "2 or more", 2, "perf events let users observe the kernel (side channels)", null);
        sysctl("kernel.kexec_load_disabled", eq("1"), "1", 2, "kexec lets root boot an unsigned kernel, hiding a rootkit", null);
        sysctl("dev.tty.ldisc_autoload", eq("0"), "0", 2, "auto-loaded line disciplines expose rarely used kernel code to users", null);
        sysctl("kernel.core_uses_pid", eq("1"), "1", 1, "core files named by PID do not overwrite each other", null);
        sysctl("net.ipv4.tcp_rfc1337", eq("1"), "1", 1, "TIME-WAIT assassination (RFC 1337) resets connections", null);
        sysctl("net.ipv4.conf.all.arp_ignore", atLeast(1), "1 or more", 1, "ARP answers for addresses on other interfaces leak the host's addresses", null);
    }

    // ---- SSH (effective sshd -T) ----

    private static int sshN;

    private static void sshd(String key, Predicate<String> ok, String want, double sev, String why, String fix, String step) {
        String id = String.format("CD-SSH-%03d", ++sshN);
        add(id, "ssh", sev, "sshd " + key + " is " + want, "sshd", in -> {
            List<String> lines = in.lines();
            if (lines.stream().noneMatch(l -> l.startsWith("port "))) {
                return Verdict.skip("sshd -T printed no configuration: " + (lines.isEmpty() ? "no output" : lines.get(0)));
            }
            List<String> found = lines.stream().filter(l -> l.toLowerCase(java.util.Locale.ROOT).startsWith(key + " ") || l.equalsIgnoreCase(key)).toList();
            if (found.isEmpty()) {
                return Verdict.skip("sshd -T does not print " + key + " (an older or newer OpenSSH).");
            }
            String v = found.get(0).substring(Math.min(found.get(0).length(), key.length())).strip();
            return Verdict.of(ok.test(v), found);
        }, why, fix, step);
    }

    private static Predicate<String> noneOf(String regex) {
        Pattern p = Pattern.compile(regex);
        return v -> java.util.Arrays.stream(v.split(",")).noneMatch(a -> p.matcher(a.strip()).find());
    }

    static {
        String s = "ssh";
        sshd("permitrootlogin", v -> v.equals("no") || v.equals("prohibit-password") || v.equals("without-password"),
                "no or prohibit-password", 8, "a guessed root password is the whole host", "PermitRootLogin prohibit-password (or no) in an sshd_config.d drop-in, then reload sshd.", s);
        sshd("passwordauthentication", eq("no"), "no", 7, "passwords can be guessed and phished; keys cannot",
                "PasswordAuthentication no (after every user has a key), then reload sshd.", s);
        sshd("permitemptypasswords", eq("no"), "no", 9, "an account with an empty password logs in with nothing", "PermitEmptyPasswords no.", null);
        sshd("kbdinteractiveauthentication", eq("no"), "no", 5, "keyboard-interactive is password login by another name",
                "KbdInteractiveAuthentication no.", s);
        sshd("x11forwarding", eq("no"), "no", 3, "forwarded X11 lets the server read the client's keyboard and screen", "X11Forwarding no.", s);
        sshd("maxauthtries", v -> v.matches("\\d+") && Integer.parseInt(v) <= 4, "4 or less", 3, "many tries per connection speed up guessing",
                "MaxAuthTries 3.", s);
        sshd("logingracetime", v -> v.matches("\\d+") && Integer.parseInt(v) > 0 && Integer.parseInt(v) <= 60, "1 to 60 s", 2,
                "unauthenticated connections hold slots (MaxStartups) for long", "LoginGraceTime 30.", s);
        sshd("clientaliveinterval", v -> v.matches("\\d+") && Integer.parseInt(v) > 0, "more than 0", 2,
                "dead sessions stay open forever", "ClientAliveInterval 300.", s);
        sshd("clientalivecountmax", v -> v.matches("\\d+") && Integer.parseInt(v) <= 3, "3 or less", 1, "dead sessions linger", "ClientAliveCountMax 2.", s);
        sshd("hostbasedauthentication", eq("no"), "no", 5, "host-based trust lets one compromised host log into others", "HostbasedAuthentication no.", null);
        sshd("ignorerhosts", eq("yes"), "yes", 5, ".rhosts files grant logins without keys", "IgnoreRhosts yes.", null);
        sshd("pubkeyauthentication", eq("yes"), "yes", 3, "without keys only passwords remain", "PubkeyAuthentication yes.", null);
        sshd("permituserenvironment", eq("no"), "no", 4, "user-set environment (LD_PRELOAD) can bypass ForceCommand", "PermitUserEnvironment no.", null);
        sshd("allowagentforwarding", eq("no"), "no", 3, "a forwarded agent can be used by root on the server", "AllowAgentForwarding no.", s);
        sshd("allowtcpforwarding", v -> v.equals("no") || v.equals("local"), "no or local", 3, "a server that forwards ports is a pivot into the network",
                "AllowTcpForwarding no (or local).", s);
        sshd("gatewayports", eq("no"), "no", 3, "forwarded ports open to the whole network", "GatewayPorts no.", null);
        sshd("permittunnel", eq("no"), "no", 3, "tun devices give a full VPN into the network", "PermitTunnel no.", null);
        sshd("loglevel", v -> v.equals("INFO") || v.startsWith("VERBOSE"), "INFO or VERBOSE", 2, "logins must be logged to be investigated", "LogLevel VERBOSE.", null);
        sshd("maxsessions", v -> v.matches("\\d+") && Integer.parseInt(v) <= 10, "10 or less", 1, "many sessions per connection hide activity", "MaxSessions 10.", null);
        sshd("strictmodes", eq("yes"), "yes", 4, "world-writable key files would be honoured", "StrictModes yes.", null);
        sshd("compression", v -> !v.equals("yes"), "no or delayed", 1, "compression before authentication exposed bugs in the past", "Compression no.", null);
        sshd("usepam", eq("yes"), "yes", 2, "without PAM account expiry and limits are not applied", "UsePAM yes.", null);
        sshd("printlastlog", eq("yes"), "yes", 1, "users notice logins they did not make", "PrintLastLog yes.", null);
        sshd("ciphers", noneOf("(cbc|3des|arcfour|blowfish|cast128)"), "free of CBC, 3DES and RC4", 6,
                "CBC modes and old ciphers have known attacks (Lucky 13, plaintext recovery)", "Ciphers with AEAD and CTR modes only.", s);
        sshd("macs", noneOf("(md5|-96|umac-64|^hmac-sha1$|^hmac-sha1-etm)"), "free of MD5, SHA-1 and 64/96-bit MACs", 5,
                "weak MACs let an attacker tamper with the stream", "MACs with SHA-2 encrypt-then-MAC only.", s);
        sshd("kexalgorithms", noneOf("(group1-sha1|group14-sha1|group-exchange-sha1|ecdh-sha2-nistp)"), "free of SHA-1 and NIST-curve exchanges", 5,
                "weak key exchanges can be broken or are suspected backdoored (Logjam, NIST curves)", "KexAlgorithms curve25519 and sntrup/mlkem hybrids.", s);
        sshd("hostkeyalgorithms", noneOf("(^ssh-rsa$|ssh-dss|ssh-rsa-cert)"), "free of ssh-rsa (SHA-1) and DSA", 4,
                "SHA-1 signatures can be forged (chosen-prefix collisions)", "HostKeyAlgorithms without ssh-rsa and ssh-dss.", s);
        sshd("maxstartups", v -> v.matches("\\d+(:\\d+:\\d+)?") && Integer.parseInt(v.split(":")[0]) <= 10, "10 or less for the first limit", 2,
                "unauthenticated connections exhaust the daemon", "MaxStartups 10:30:60.", null);
        sshd("banner", v -> true, "reported", 0.5, "a legal banner is sometimes required (informational)", "Banner /etc/issue.net.", null);
    }

    // ---- accounts and sudo ----

    static {
        add("CD-ACC-001", "accounts", 9, "No account besides root has UID 0", "passwd", in -> {
            List<String> bad = in.lines().stream().filter(l -> fields(l, 7).length >= 3 && fields(l, 7)[2].equals("0") && !fields(l, 7)[0].equals("root")).toList();
            return Verdict.of(bad.isEmpty(), bad.isEmpty() ? in.lines().stream().filter(l -> l.startsWith("root:")).toList() : bad);
        }, "a second UID 0 account is root under another name — a classic backdoor", "Remove the account or give it its own UID (usermod -u).", null);
        add("CD-ACC-002", "accounts", 9, "No account has an empty password", "shadow", in -> {
            if (in.lines().isEmpty()) {
                return Verdict.skip("/etc/shadow could not be read.");
            }
            List<String> bad = in.lines().stream().filter(l -> l.endsWith(":EMPTY")).toList();
            return Verdict.of(bad.isEmpty(), bad.isEmpty() ? List.of(in.lines().size() + " accounts, none empty") : bad);
        }, "an empty password logs in with nothing (su, console, services with PAM)", "passwd -l USER (lock) or set a password.", null);
        add("CD-ACC-003", "accounts", 4, "UIDs are unique", "passwd", in -> dupes(in, 2), "two accounts with one UID share every file",
                "Give each account its own UID (usermod -u).", null);
        add("CD-ACC-004", "accounts", 3, "User names are unique", "passwd", in -> dupes(in, 0), "duplicate names make logins ambiguous", "Remove the duplicate line (vipw).", null);
        add("CD-ACC-005", "accounts", 3, "GIDs are unique", "group", in -> dupes(in, 1), "two groups with one GID share access", "Give each group its own GID (groupmod -g).", null);
        add("CD-ACC-006", "accounts", 3, "System accounts have no login shell", "passwd", in -> {
            List<String> bad = in.lines().stream().filter(l -> {
                String[] f = fields(l, 7);
                if (f.length < 7 || !f[2].matches("\\d+")) {
                    return false;
                }
                int uid = Integer.parseInt(f[2]);
                return uid > 0 && uid < 1000 && !f[0].equals("sync") && !f[6].matches(".*(nologin|false|sync|shutdown|halt)$");
            }).toList();
            return Verdict.of(bad.isEmpty(), bad.isEmpty() ? List.of("no system account with a shell") : bad);
        }, "a service account with a shell can be logged into when its password or key leaks", "usermod -s /usr/sbin/nologin USER.", null);
        add("CD-ACC-007", "accounts", 5, "No legacy '+' NIS entries in /etc/passwd", "passwd", in -> {
            List<String> bad = in.lines().stream().filter(l -> l.startsWith("+")).toList();
            return Verdict.of(bad.isEmpty(), bad.isEmpty() ? List.of("no '+' entries") : bad);
        }, "'+' lines import accounts from NIS, sometimes with empty passwords", "Delete the '+' lines (vipw).", null);
        add("CD-ACC-008", "accounts", 6, "No NOPASSWD sudo rules", "sudoers", in -> {
            List<String> bad = in.lines().stream().filter(l -> l.contains("NOPASSWD")).toList();
            return Verdict.of(bad.isEmpty(), bad.isEmpty() ? List.of("no NOPASSWD rule") : bad);
        }, "a stolen session or key becomes root without a second factor", "Remove NOPASSWD (visudo), or limit it to named commands.", null);
        add("CD-ACC-009", "accounts", 5, "No sudo rule without authentication (!authenticate)", "sudoers", in -> {
            List<String> bad = in.lines().stream().filter(l -> l.contains("!authenticate")).toList();
            return Verdict.of(bad.isEmpty(), bad.isEmpty() ? List.of("no !authenticate") : bad);
        }, "!authenticate turns sudo into su without a password", "Remove Defaults !authenticate (visudo).", null);
        add("CD-ACC-010", "accounts", 2, "sudo keeps a log (Defaults logfile or use_pty)", "sudoers", in -> {
            List<String> ok = in.lines().stream().filter(l -> l.contains("logfile") || l.contains("use_pty")).toList();
            return Verdict.of(!ok.isEmpty(), ok.isEmpty() ? List.of("no Defaults logfile/use_pty") : ok);
        }, "use_pty keeps a sudo'd program from pushing keystrokes into the user's terminal", "Defaults use_pty in /etc/sudoers.d/.", null);
        add("CD-ACC-011", "accounts", 2, "Passwords expire (PASS_MAX_DAYS ≤ 365)", "logindefs", in -> num(in, "PASS_MAX_DAYS", v -> v <= 365),
                "passwords that never expire stay valid after they leak", "PASS_MAX_DAYS 365 in /etc/login.defs.", null);
        add("CD-ACC-012", "accounts", 1, "Passwords are kept a day (PASS_MIN_DAYS ≥ 1)", "logindefs", in -> num(in, "PASS_MIN_DAYS", v -> v >= 1),
                "users cycle straight back to the old password", "PASS_MIN_DAYS 1 in /etc/login.defs.", null);
        add("CD-ACC-013", "accounts", 3, "Default umask is 027 or stricter", "logindefs", in -> {
            List<String> l = in.lines().stream().filter(x -> x.strip().startsWith("UMASK")).toList();
            if (l.isEmpty()) {
                return Verdict.fail(List.of("no UMASK in /etc/login.defs"));
            }
            String v = l.get(0).strip().split("\\s+")[1];
            return Verdict.of(v.matches("0?[0-7][2-7][7]") && (Integer.parseInt(v, 8) & 027) == 027, l);
        }, "new files readable by everyone leak data", "UMASK 027 in /etc/login.defs.", null);
        add("CD-ACC-014", "accounts", 4, "Password hashes use SHA512 or yescrypt", "logindefs", in -> {
            List<String> l = in.lines().stream().filter(x -> x.strip().startsWith("ENCRYPT_METHOD")).toList();
            return Verdict.of(l.isEmpty() || l.get(0).matches(".*(SHA512|YESCRYPT).*"), l.isEmpty() ? List.of("no ENCRYPT_METHOD (PAM decides: yescrypt on Debian 11+)") : l);
        }, "MD5 and DES hashes are cracked in minutes", "ENCRYPT_METHOD YESCRYPT in /etc/login.defs.", null);
        add("CD-ACC-015", "accounts", 5, "PAM does not accept empty passwords (nullok)", "pam", in -> {
            List<String> bad = in.lines().stream().filter(l -> l.contains("nullok")).toList();
            return Verdict.of(bad.isEmpty(), bad.isEmpty() ? List.of("no nullok") : bad);
        }, "nullok lets an account with an empty password log in", "Remove nullok from /etc/pam.d/common-auth.", null);
        add("CD-ACC-016", "accounts", 2, "Failed logins lock the account (pam_faillock)", "pam", in -> {
            List<String> ok = in.lines().stream().filter(l -> l.contains("pam_faillock") || l.contains("pam_tally2")).toList();
            return Verdict.of(!ok.isEmpty(), ok.isEmpty() ? List.of("no pam_faillock in common-auth") : ok);
        }, "unlimited password guesses on the console and su", "Add pam_faillock to /etc/pam.d/common-auth.", null);
        add("CD-ACC-017", "accounts", 2, "Password quality is enforced (pam_pwquality)", "pam", in -> {
            List<String> ok = in.lines().stream().filter(l -> l.contains("pam_pwquality")).toList();
            return Verdict.of(!ok.isEmpty(), ok.isEmpty() ? List.of("no pam_pwquality in common-password") : ok);
        }, "weak passwords are accepted", "apt-get install libpam-pwquality.", null);
    }

    private static String[] fields(String line, int n) {
        return line.split(":", -1);
    }

    private static Verdict dupes(Input in, int field) {
        Map<String, List<String>> by = new LinkedHashMap<>();
        for (String l : in.lines()) {
            String[] f = l.split(":", -1);
            if (f.length > field) {
                by.computeIfAbsent(f[field], x -> new ArrayList<>()).add(l);
            }
        }
        List<String> bad = by.values().stream().filter(v -> v.size() > 1).flatMap(List::stream).toList();
        return Verdict.of(bad.isEmpty(), bad.isEmpty() ? List.of(by.size() + " distinct") : bad);
    }

    private static Verdict num(Input in, String key, java.util.function.IntPredicate ok) {
        List<String> l = in.lines().stream().filter(x -> x.strip().startsWith(key)).toList();
        if (l.isEmpty()) {
            return Verdict.fail(List.of("no " + key + " in /etc/login.defs"));
        }
        String[] f = l.get(0).strip().split("\\s+");
        return Verdict.of(f.length > 1 && f[1].matches("-?\\d+") && ok.test(Integer.parseInt(f[1])), l);
    }

    // ---- file permissions ----

    private static int permN;

    private static void perm(String path, int maxMode, double sev, String why, String step) {
        STAT_PATHS.add(path);
        String id = String.format("CD-FILE-%03d", ++permN);
        add(id, "files", sev, path + " is owned by root, mode " + Integer.toOctalString(maxMode) + " or stricter", "stat", in -> {
            for (String l : in.lines()) {
                String[] f = l.split(" ");
                if (f.length == 4 && f[0].equals(path)) {
                    boolean ok = f[1].matches("[0-7]+") && (Integer.parseInt(f[1], 8) & ~maxMode & 07777) == 0 && f[2].equals("root");
                    return Verdict.of(ok, List.of(l));
                }
            }
            return Verdict.skip(path + " does not exist.");
        }, why, "chown root " + path + " && chmod " + Integer.toOctalString(maxMode) + " " + path + ".", step);
    }

    static {
        perm("/etc/passwd", 0644, 6, "a writable passwd file lets anyone add a UID 0 account", null);
        perm("/etc/shadow", 0640, 8, "readable hashes are cracked offline", null);
        perm("/etc/group", 0644, 5, "a writable group file lets anyone join sudo", null);
        perm("/etc/gshadow", 0640, 5, "readable group password hashes", null);
        perm("/etc/passwd-", 0644, 3, "the backup copy holds the same accounts", null);
        perm("/etc/shadow-", 0640, 5, "the backup copy holds the same hashes", null);
        perm("/etc/group-", 0644, 2, "the backup copy holds the same groups", null);
        perm("/etc/gshadow-", 0640, 3, "the backup copy holds the same group hashes", null);
        perm("/etc/ssh/sshd_config", 0644, 5, "whoever writes sshd's configuration decides who logs in", null);
        perm("/etc/ssh/sshd_config.d", 0755, 4, "whoever writes a drop-in decides who logs in", null);
        perm("/etc/sudoers", 0440, 7, "whoever writes sudoers is root", null);
        perm("/etc/sudoers.d", 0755, 6, "whoever writes a sudoers drop-in is root", null);
        perm("/etc/crontab", 0644, 5, "whoever writes root's crontab runs commands as root", null);
        perm("/etc/cron.d", 0755, 5, "a writable cron directory runs anyone's file as root", null);
        perm("/etc/cron.hourly", 0755, 4, "scripts here run as root every hour", null);
        perm("/etc/cron.daily", 0755, 4, "scripts here run as root every day", null);
        perm("/etc/cron.weekly", 0755, 4, "scripts here run as root every week", null);
        perm("/etc/cron.monthly", 0755, 4, "scripts here run as root every month", null);
        perm("/var/spool/cron/crontabs", 01730, 4, "users' crontabs must not be readable or replaceable by others", null);
        perm("/root", 0750, 4, "root's home holds keys and history", null);
        perm("/etc/sysctl.conf", 0644, 3, "kernel settings are applied as root at boot", null);
        perm("/etc/sysctl.d", 0755, 3, "kernel settings are applied as root at boot", null);
        perm("/etc/security/limits.conf", 0644, 2, "limits (core dumps, processes) apply to every login", null);
        perm("/etc/login.defs", 0644, 2, "password and umask defaults for every account", null);
        perm("/etc/hosts", 0644, 3, "a writable hosts file redirects names", null);
        perm("/etc/systemd/system", 0755, 5, "a writable unit directory starts anything as root", null);
        perm("/var/log", 0775, 2, "logs must not be rewritten by users", null);
        perm("/etc/pam.d", 0755, 5, "whoever writes PAM configuration decides how everyone logs in", null);
        perm("/boot", 0755, 2, "the kernel and boot loader configuration", null);

        add("CD-FILE-100", "files", 6, "SSH private host keys are owned by root and not readable by others", "hostkeys", in -> {
            if (in.lines().isEmpty()) {
                return Verdict.skip("no /etc/ssh/ssh_host_*_key files");
            }
            List<String> bad = in.lines().stream().filter(l -> {
                String[] f = l.split(" ");
                return f.length != 4 || !f[2].equals("root") || !f[1].matches("[0-7]+") || (Integer.parseInt(f[1], 8) & 0037) != 0;
            }).toList();
            return Verdict.of(bad.isEmpty(), bad.isEmpty() ? in.lines() : bad);
        }, "a readable host key lets anyone impersonate the server", "chmod 600 /etc/ssh/ssh_host_*_key.", null);
        add("CD-FILE-101", "files", 4, "Home directories are not writable by group or others", "homes", in -> {
            if (in.lines().isEmpty()) {
                return Verdict.skip("no user home directories (UID 1000 and up)");
            }
            List<String> bad = in.lines().stream().filter(l -> {
                String[] f = l.split(" ");
                return f.length < 2 || !f[1].matches("[0-7]+") || (Integer.parseInt(f[1], 8) & 0022) != 0;
            }).toList();
            return Verdict.of(bad.isEmpty(), bad.isEmpty() ? in.lines() : bad);
        }, "a writable home lets others plant .bashrc or authorized_keys", "chmod 750 /home/USER.", null);
        add("CD-FILE-102", "files", 7, "No world-writable files in system paths (/usr /etc /boot /opt)", "ww", in ->
                Verdict.of(in.lines().isEmpty(), in.lines().isEmpty() ? List.of("none found (find -xdev -perm -0002)") : in.lines()),
                "anyone can replace a program or configuration that root runs", "chmod o-w FILE (and find out who made it writable).", "permissions");
        add("CD-FILE-103", "files", 5, "No world-writable directories without the sticky bit in system paths", "wwdirs", in ->
                Verdict.of(in.lines().isEmpty(), in.lines().isEmpty() ? List.of("none found") : in.lines()),
                "anyone can drop or rename files that root runs", "chmod o-w DIR (or +t for a shared directory).", "permissions");
        add("CD-FILE-104", "files", 5, "Only well-known set-user-ID programs in system paths", "suid", in -> {
            List<String> bad = in.lines().stream().filter(l -> !KNOWN_SUID.contains(l.substring(l.lastIndexOf('/') + 1))).toList();
            return Verdict.of(bad.isEmpty(), bad.isEmpty() ? in.lines() : bad);
        }, "every SUID program is a way to root if it has a bug; an unknown one may be a backdoor",
                "chmod u-s FILE, or remove the package that installed it.", "permissions");
        add("CD-FILE-105", "files", 3, "No SUID programs in /usr/local", "suid", in -> {
            List<String> bad = in.lines().stream().filter(l -> l.startsWith("/usr/local/")).toList();
            return Verdict.of(bad.isEmpty(), bad.isEmpty() ? List.of("none in /usr/local") : bad);
        }, "programs no package manager tracks run as root", "chmod u-s FILE.", "permissions");
    }

    // ---- mounts ----

    private static Verdict mountOpt(Input in, String target, String opt) {
        for (String l : in.lines()) {
            String[] f = l.split(" ");
            if (f.length >= 4 && f[1].equals(target)) {
                return Verdict.of(List.of(f[3].split(",")).contains(opt), List.of(l));
            }
        }
        return Verdict.skip(target + " is not a separate mount.");
    }

    static {
        int[] n = {0};
        add("CD-MNT-001", "mounts", 2, "/tmp is a separate mount", "mounts", in -> {
            List<String> l = in.lines().stream().filter(x -> x.split(" ").length > 1 && x.split(" ")[1].equals("/tmp")).toList();
            return Verdict.of(!l.isEmpty(), l.isEmpty() ? List.of("no /tmp line in /proc/mounts") : l);
        }, "a separate /tmp can carry nosuid/noexec and cannot fill the root file system", "systemctl enable tmp.mount (tmpfs /tmp).", null);
        n[0] = 1;
        for (String t : List.of("/tmp", "/dev/shm", "/var/tmp")) {
            for (String o : List.of("nodev", "nosuid", "noexec")) {
                String id = String.format("CD-MNT-%03d", ++n[0]);
                add(id, "mounts", t.equals("/var/tmp") ? 2 : 3, t + " is mounted " + o, "mounts", in -> mountOpt(in, t, o),
                        "world-writable directories are where exploits are dropped and run from",
                        "Add " + o + " to " + t + "'s options in /etc/fstab (or its mount unit) and remount.", null);
            }
        }
        add("CD-MNT-011", "mounts", 2, "/home is mounted nodev", "mounts", in -> mountOpt(in, "/home", "nodev"),
                "device files in homes bypass permissions", "Add nodev to /home in /etc/fstab.", null);
        add("CD-MNT-012", "mounts", 2, "/proc hides other users' processes (hidepid)", "mounts", in -> {
            for (String l : in.lines()) {
                String[] f = l.split(" ");
                if (f.length >= 4 && f[1].equals("/proc")) {
                    return Verdict.of(f[3].matches(".*hidepid=(2|invisible).*"), List.of(l));
                }
            }
            return Verdict.skip("/proc not mounted");
        }, "every user sees every command line (passwords in arguments)", "mount -o remount,hidepid=invisible /proc (and in /etc/fstab).", null);
    }

    // ---- network: listeners vs role, firewall ----

    static Set<Integer> allowedPorts(Role role, int sshPort) {
        Set<Integer> s = new LinkedHashSet<>();
        s.add(sshPort);
        switch (role) {
            case WEB, LB -> {
                s.add(80);
                s.add(443);
            }
            case DB -> s.add(3306);
            case HYPERVISOR -> {
                s.add(16509);
                s.add(16514);
            }
            default -> { }
        }
        return s;
    }

    /** "0.0.0.0:22" → {address, port}; null when the line is not a listener. */
    static String[] local(String line) {
        String[] f = line.strip().split("\\s+");
        if (f.length < 4) {
            return null;
        }
        String a = f[3];
        int i = a.lastIndexOf(':');
        if (i < 0 || !a.substring(i + 1).matches("\\d{1,5}")) {
            return null;
        }
        String addr = a.substring(0, i).replaceAll("%.*$", "").replace("[", "").replace("]", "");
        return new String[] {addr, a.substring(i + 1)};
    }

    static boolean loopback(String addr) {
        return addr.startsWith("127.") || addr.equals("::1") || addr.equals("::ffff:127.0.0.1");
    }

    static {
        add("CD-NET-001", "network", 6, "No TCP listener the host's role does not need is reachable from other hosts", LISTEN_FW, in -> {
            Set<Integer> ok = allowedPorts(in.role(), in.sshPort());
            FirewallReach fw = FirewallReach.parse(in.lines().stream().filter(l -> !l.startsWith("LISTEN")).toList());
            List<String> listeners = in.lines().stream().filter(l -> l.startsWith("LISTEN")).toList();
            List<String> bad = new ArrayList<>();
            List<String> closed = new ArrayList<>();
            for (String l : listeners) {
                String[] a = local(l);
                if (a != null && !loopback(a[0]) && !ok.contains(Integer.parseInt(a[1]))) {
                    boolean v6 = a[0].contains(":") && !a[0].startsWith("::ffff:") || a[0].equals("*");
                    boolean v4 = !a[0].contains(":") || a[0].equals("::") || a[0].startsWith("::ffff:");
                    if (fw.closed(Integer.parseInt(a[1]), v4, v6)) {
                        closed.add(l + " (closed by the input firewall: its policy drops, no rule accepts tcp/" + a[1] + ")");
                    } else {
                        bad.add(l);
                    }
                }
            }
            List<String> ev = new ArrayList<>(bad.isEmpty() ? listeners : bad);
            if (bad.isEmpty()) {
                ev.removeIf(l -> closed.stream().anyMatch(c -> c.startsWith(l + " (")));
                ev.addAll(closed);
            }
            return Verdict.of(bad.isEmpty(), ev);
        }, "every listening service is attack surface; one the role does not need is usually forgotten and unpatched",
                "Stop and disable the service (systemctl disable --now UNIT), bind it to 127.0.0.1, or close the port in the firewall "
                        + "(the hardening wizard's firewall step lets in only what the role needs).", "firewall");
        add("CD-NET-002", "network", 3, "No UDP listener on a public address beyond DHCP", "udp", in -> {
            List<String> bad = new ArrayList<>();
            for (String l : in.lines()) {
                String[] a = local(l);
                if (a != null && !loopback(a[0]) && !Set.of("68", "546", "123", "323").contains(a[1])) {
                    bad.add(l);
                }
            }
            return Verdict.of(bad.isEmpty(), bad.isEmpty() ? (in.lines().isEmpty() ? List.of("no UDP listeners") : in.lines()) : bad);
        }, "UDP services are used for amplification attacks (DNS, SNMP, memcached)", "Disable the service or bind it to loopback.", null);
        add("CD-NET-003", "network", 4, "The database port is not open on all addresses of a web or LB host", "listen", in -> {
            List<String> bad = in.lines().stream().filter(l -> {
                String[] a = local(l);
                return a != null && !loopback(a[0]) && Set.of("3306", "5432", "6379", "11211", "27017").contains(a[1]);
            }).toList();
            return in.role() == Role.DB ? Verdict.skip("a database host") : Verdict.of(bad.isEmpty(), bad.isEmpty() ? List.of("no database port") : bad);
        }, "databases and caches bound to every address are reachable from outside", "bind-address = 127.0.0.1 (or the internal address).", null);
        add("CD-FW-001", "firewall", 7, "The IPv4 input policy drops what no rule allows", "firewall", in -> {
            List<String> nft = in.lines().stream().filter(l -> l.startsWith("nft ") && l.contains("hook input")).toList();
            List<String> v4 = in.lines().stream().filter(l -> l.startsWith("v4 ")).toList();
            boolean ok = nft.stream().anyMatch(l -> l.contains("policy drop")) || v4.stream().anyMatch(l -> l.contains("-P INPUT DROP"));
            List<String> ev = new ArrayList<>(nft);
            ev.addAll(v4);
            return Verdict.of(ok, ev.isEmpty() ? List.of("no input chain with a policy (nft, iptables)") : ev);
        }, "with an accept policy every service that listens is reachable", "Run the hardening wizard's firewall step (input policy drop, role-based allows).", "firewall");
        add("CD-FW-002", "firewall", 5, "The IPv6 input policy drops what no rule allows", "firewall", in -> {
            List<String> nft = in.lines().stream().filter(l -> l.startsWith("nft ") && l.contains("hook input")).toList();
            List<String> v6 = in.lines().stream().filter(l -> l.startsWith("v6 ")).toList();
            boolean ok = nft.stream().anyMatch(l -> l.contains("policy drop")) || v6.stream().anyMatch(l -> l.contains("-P INPUT DROP"));
            List<String> ev = new ArrayList<>(nft);
            ev.addAll(v6);
            return Verdict.of(ok, ev.isEmpty() ? List.of("no IPv6 input chain with a policy") : ev);
        }, "an IPv4-only firewall leaves every service open over IPv6", "Use an inet nft table (the firewall step does).", "firewall");
        add("CD-FW-003", "firewall", 4, "Firewall rules are loaded", "firewall", in -> {
            List<String> ev = in.lines().stream().filter(l -> l.startsWith("nftrules ") || l.startsWith("iptrules ")).toList();
            boolean ok = ev.stream().anyMatch(l -> !l.endsWith(" 0"));
            return Verdict.of(ok, ev);
        }, "no rules: nothing filters", "Run the hardening wizard's firewall step.", "firewall");
    }

    // ---- services, logging, time, MAC, updates, packages, core dumps, cron ----

    private static Verdict unit(Input in, List<String> names, boolean wantActive) {
        List<String> ev = in.lines().stream().filter(l -> names.contains(l.split(" ")[0])).toList();
        boolean any = ev.stream().anyMatch(l -> l.endsWith(" active"));
        return Verdict.of(any == wantActive, ev);
    }

    private static void unitCheck(String id, String cat, double sev, String title, List<String> names, boolean want, String why, String fix, String step) {
        names.forEach(n -> {
            if (!UNITS.contains(n)) {
                UNITS.add(n);
            }
        });
        add(id, cat, sev, title, "units", in -> unit(in, names, want), why, fix, step);
    }

    private static void absent(String id, String pkg, double sev, String why) {
        PACKAGES.add(pkg);
        add(id, "packages", sev, pkg + " is not installed", "packages", in -> {
            List<String> ev = in.lines().stream().filter(l -> l.startsWith(pkg + " ")).toList();
            boolean installed = ev.stream().anyMatch(l -> l.matches("\\S+ [ih]i.*"));
            return Verdict.of(!installed, ev.isEmpty() ? List.of(pkg + ": not known to dpkg") : ev);
        }, why, "apt-get purge " + pkg + ".", null);
    }

    static {
        unitCheck("CD-TIME-001", "time", 4, "Time is synchronised (systemd-timesyncd, chrony or ntp active)",
                List.of("systemd-timesyncd", "chrony", "chronyd", "ntp", "ntpsec"), true,
                "wrong clocks break TLS certificate checks, Kerberos and the order of log entries", "apt-get install systemd-timesyncd (or chrony).", null);
        unitCheck("CD-LOG-001", "logging", 4, "journald runs", List.of("systemd-journald"), true, "without a journal nothing is logged",
                "systemctl start systemd-journald.", "logging");
        unitCheck("CD-LOG-002", "logging", 2, "rsyslog runs (or journald is persistent)", List.of("rsyslog"), true,
                "text logs in /var/log are what most tools and people read", "apt-get install rsyslog, or keep the journal persistent.", null);
        add("CD-LOG-003", "logging", 4, "The journal is kept on disk (persistent)", "journald", in -> {
            boolean dir = in.lines().contains("dir /var/log/journal");
            List<String> storage = in.lines().stream().filter(l -> l.strip().startsWith("Storage")).toList();
            String last = storage.isEmpty() ? "auto" : storage.get(storage.size() - 1).replaceAll("\\s", "").replace("Storage=", "");
            boolean ok = last.equals("persistent") || (last.equals("auto") && dir);
            List<String> ev = new ArrayList<>(storage);
            ev.add(dir ? "dir /var/log/journal" : "no /var/log/journal");
            return Verdict.of(ok, ev);
        }, "a volatile journal is gone after a reboot — with the traces of an intrusion", "Storage=persistent in /etc/systemd/journald.conf.d/.", "logging");
        unitCheck("CD-LOG-004", "logging", 2, "auditd runs", List.of("auditd"), true, "the kernel audit trail records privileged actions",
                "apt-get install auditd.", null);
        unitCheck("CD-SVC-001", "services", 2, "cron runs", List.of("cron", "crond"), true, "updates and log rotation run from cron",
                "systemctl enable --now cron.", null);
        unitCheck("CD-SVC-002", "services", 2, "fail2ban runs", List.of("fail2ban"), true, "repeated failed logins are not blocked",
                "apt-get install fail2ban.", null);
        unitCheck("CD-SVC-003", "services", 4, "avahi-daemon does not run", List.of("avahi-daemon"), false, "mDNS announces the host and its services",
                "systemctl disable --now avahi-daemon.", null);
        unitCheck("CD-SVC-004", "services", 3, "cups does not run", List.of("cups"), false, "a print server on a web server is attack surface",
                "systemctl disable --now cups.", null);
        unitCheck("CD-SVC-005", "services", 5, "rpcbind does not run", List.of("rpcbind"), false, "portmapper answers are used for amplification and reconnaissance",
                "systemctl disable --now rpcbind.", null);
        unitCheck("CD-SVC-006", "services", 4, "snmpd does not run", List.of("snmpd"), false, "SNMP with default communities leaks the host's configuration",
                "systemctl disable --now snmpd.", null);
        unitCheck("CD-SVC-007", "services", 3, "unattended upgrades run", List.of("unattended-upgrades"), true, "security fixes wait for someone to install them",
                "apt-get install unattended-upgrades.", "updates");
        unitCheck("CD-SVC-008", "services", 3, "nfs-server does not run", List.of("nfs-server"), false, "exported file systems are reachable from the network",
                "systemctl disable --now nfs-server.", null);
        unitCheck("CD-SVC-009", "services", 3, "smbd does not run", List.of("smbd"), false, "SMB shares on a web server are attack surface",
                "systemctl disable --now smbd.", null);
        unitCheck("CD-SVC-010", "services", 4, "vsftpd does not run", List.of("vsftpd"), false, "FTP sends passwords in clear text",
                "systemctl disable --now vsftpd.", null);
        unitCheck("CD-SVC-011", "services", 2, "apparmor.service has loaded the profiles", List.of("apparmor"), true, "profiles load at boot through apparmor.service",
                "systemctl enable --now apparmor.", null);

        absent("CD-PKG-001", "telnetd", 7, "telnet sends passwords in clear text");
        absent("CD-PKG-002", "rsh-server", 8, "rsh trusts host names and sends everything in clear text");
        absent("CD-PKG-003", "nis", 5, "NIS hands password hashes to anyone who asks");
        absent("CD-PKG-004", "tftpd-hpa", 5, "TFTP has no authentication");
        absent("CD-PKG-005", "xinetd", 3, "xinetd starts legacy services on demand");
        absent("CD-PKG-006", "talkd", 3, "talk is a legacy clear-text service");
        absent("CD-PKG-007", "telnet", 2, "a telnet client invites clear-text logins");
        absent("CD-PKG-008", "rsh-client", 3, "an rsh client invites clear-text logins");
        absent("CD-PKG-009", "ldap-utils", 1, "LDAP tools are rarely needed on a web server");
        absent("CD-PKG-010", "prelink", 2, "prelink rewrites binaries and defeats integrity checks and ASLR");
        absent("CD-PKG-011", "inetutils-inetd", 3, "inetd starts legacy services on demand");
        absent("CD-PKG-012", "ftp", 1, "FTP clients send passwords in clear text");
        PACKAGES.add("unattended-upgrades");
        add("CD-PKG-013", "updates", 3, "unattended-upgrades is installed", "packages", in -> {
            List<String> ev = in.lines().stream().filter(l -> l.startsWith("unattended-upgrades ")).toList();
            return Verdict.of(ev.stream().anyMatch(l -> l.matches("\\S+ ii.*")), ev.isEmpty() ? List.of("unattended-upgrades: not known to dpkg") : ev);
        }, "security updates wait for someone to install them", "apt-get install unattended-upgrades.", "updates");

        add("CD-UPD-001", "updates", 8, "No pending security updates (from the local package lists)", "upgradable", in -> {
            List<String> bad = in.lines().stream().filter(l -> l.contains("-security")).toList();
            return Verdict.of(bad.isEmpty(), bad.isEmpty() ? List.of("no upgradable package from a security suite") : bad);
        }, "published fixes for known vulnerabilities are not installed", "apt-get upgrade (or the hardening wizard's updates step).", "updates");

        add("CD-MAC-001", "mac", 5, "AppArmor or SELinux is enabled", "mac", in -> {
            boolean aa = in.lines().contains("apparmor Y");
            boolean se = in.lines().stream().anyMatch(l -> l.equals("selinux Enforcing") || l.equals("selinux Permissive"));
            return Verdict.of(aa || se, in.lines());
        }, "mandatory access control confines a compromised service", "Boot with apparmor=1 security=apparmor; apt-get install apparmor.", null);
        add("CD-MAC-002", "mac", 3, "SELinux is not permissive", "mac", in -> {
            List<String> se = in.lines().stream().filter(l -> l.startsWith("selinux ")).toList();
            if (se.stream().allMatch(l -> l.strip().equals("selinux"))) {
                return Verdict.skip("SELinux is not in use (getenforce prints nothing)");
            }
            return Verdict.of(se.stream().noneMatch(l -> l.equals("selinux Permissive")), se);
        }, "permissive SELinux logs but blocks nothing", "setenforce 1 and SELINUX=enforcing.", null);

        add("CD-CORE-001", "coredumps", 3, "Core dumps are limited (hard core 0 or systemd-coredump Storage=none)", "limits", in -> {
            boolean ok = in.lines().stream().anyMatch(l -> l.matches("\\s*\\S+\\s+(hard|-)\\s+core\\s+0\\s*")
                    || l.replaceAll("\\s", "").equals("Storage=none"));
            return Verdict.of(ok, in.lines().isEmpty() ? List.of("no core limit in /etc/security/limits*") : in.lines());
        }, "core dumps of services hold their memory: keys, passwords, session cookies",
                "'* hard core 0' in /etc/security/limits.d/ and Storage=none in /etc/systemd/coredump.conf.d/.", null);
        add("CD-CORE-002", "coredumps", 1, "systemd-coredump does not keep dumps", "limits", in -> {
            List<String> s = in.lines().stream().filter(l -> l.strip().startsWith("Storage")).toList();
            if (s.isEmpty()) {
                return Verdict.skip("systemd-coredump not configured (default applies)");
            }
            return Verdict.of(s.get(s.size() - 1).replaceAll("\\s", "").equals("Storage=none"), s);
        }, "stored dumps keep secrets on disk", "Storage=none in /etc/systemd/coredump.conf.d/.", null);

        add("CD-CRON-001", "cron", 2, "cron and at are limited to allowed users (cron.allow / at.allow)", "cronallow", in -> {
            boolean ok = in.lines().stream().anyMatch(l -> l.startsWith("/etc/cron.allow "));
            return Verdict.of(ok, in.lines().isEmpty() ? List.of("no cron.allow, at.allow, cron.deny or at.deny") : in.lines());
        }, "any user can schedule jobs that outlive their session", "echo root > /etc/cron.allow; chmod 600 /etc/cron.allow.", null);
        add("CD-CRON-002", "cron", 2, "cron.allow and at.allow are root's and not readable by others", "cronallow", in -> {
            List<String> allow = in.lines().stream().filter(l -> l.startsWith("/etc/cron.allow ") || l.startsWith("/etc/at.allow ")).toList();
            if (allow.isEmpty()) {
                return Verdict.skip("no allow files");
            }
            boolean ok = allow.stream().allMatch(l -> {
                String[] f = l.split(" ");
                return f.length == 4 && f[2].equals("root") && f[1].matches("[0-7]+") && (Integer.parseInt(f[1], 8) & 0037) == 0;
            });
            return Verdict.of(ok, allow);
        }, "a writable allow file lets anyone add themselves", "chown root:root and chmod 600 the allow files.", null);
    }
}
