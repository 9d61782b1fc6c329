package org.clusterdeck.harden;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.clusterdeck.change.ChangeEngine;
import org.clusterdeck.model.StepKind;
import org.clusterdeck.remote.CommandResult;
import org.clusterdeck.remote.RemoteCommand;
import org.clusterdeck.remote.RemoteShell;
import org.clusterdeck.tuning.HostSysctls;
import org.clusterdeck.tuning.KernelIdentity;
import org.clusterdeck.tuning.PlanIssue;
import org.clusterdeck.tuning.PlanValidator;
import org.clusterdeck.tuning.SettingInput;
import org.clusterdeck.tuning.SysctlCatalog;
import org.clusterdeck.tuning.SysctlCommands;
import org.clusterdeck.tuning.ValidSetting;
import org.clusterdeck.tuning.ValidationReport;

/**
 * The kernel step: the security sysctls (reverse-path filter, SYN cookies, no redirects or source
 * routes, martians logged, kernel pointers and log hidden, ptrace limited, link/FIFO protections,
 * no set-user-ID core dumps, full address randomisation, no forwarding where nothing needs it), each
 * checked by kernel tuning's validator (one place refuses keys that run programs and warns on lowered
 * protections), set live as SYSCTL steps (so a rollback restores the live before-values, which deleting
 * a sysctl.d file never does) and written to {@value #FILE} so a reboot keeps them. Not guarded:
 * nothing here can cut SSH. Keys the host lacks are left out with a note; on a host that runs this
 * machine's kernel (a lab host), kernel-wide keys are left out because they would change this machine.
 * A value the host already has stricter (say ptrace_scope 2) is kept.
 *
 * <p>Options: {@code kernel.ipForward}: {@code auto} (default: 0 unless forwarding is needed),
 * {@code keep} (never touch it).
 */
public final class KernelModule implements StepModule {
    public static final String FILE = "/etc/sysctl.d/60-clusterdeck-hardening.conf";
    static final String OPT_IP_FORWARD = "kernel.ipForward";
    static final String IP_FORWARD = "net.ipv4.ip_forward";
    /** Keys where a higher value is the stricter one: a host already above ours keeps its value. */
    private static final Set<String> HIGHER_IS_STRICTER = Set.of("kernel.kptr_restrict", "kernel.dmesg_restrict", "kernel.yama.ptrace_scope",
            "fs.protected_hardlinks", "fs.protected_symlinks", "fs.protected_fifos", "fs.protected_regular", "kernel.randomize_va_space");

    private final SysctlCatalog catalog = SysctlCatalog.load();

    @Override
    public HardenStep step() {
        return HardenStep.KERNEL;
    }

    @Override
    public Map<String, String> probes() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("sysctl", "sysctl -a 2>/dev/null");
        p.put("kernel-id", "cat " + KernelIdentity.files());
        p.put("current", "cat " + FILE + " 2>/dev/null");
        p.put("files", SysctlOverrides.PROBE);
        p.putAll(Forwarding.probes());
        return p;
    }

    /** A key, the hardened value, and why (shown in the plan). */
    private record Want(String key, String value, String why) {
    }

    @Override
    public StepPlan plan(HostContext host, HostFacts facts, HardenOptions options) {
        String ipForward = options.get(OPT_IP_FORWARD, "auto");
        if (!ipForward.equals("auto") && !ipForward.equals("keep")) {
            throw new HardenException(OPT_IP_FORWARD + " = " + SshModule.printable(ipForward) + " is not allowed: use auto or keep.");
        }
        HostSysctls sysctls = HostSysctls.parse(facts.get("sysctl"), "");
        if (sysctls.keys().isEmpty()) {
            return StepPlan.skip(step(), "sysctl -a printed nothing on " + host.hostName() + ": install procps there.");
        }
        boolean shared = KernelIdentity.sameAsThisMachine(facts.get("kernel-id"));
        List<String> notes = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Forwarding.Need need = Forwarding.detect(facts);
        List<Want> wants = wanted(need, ipForward, notes);
        List<SettingInput> inputs = new ArrayList<>();
        for (Want w : wants) {
            if (!sysctls.has(w.key())) {
                notes.add(w.key() + " is left out: this host's kernel has no such key (sysctl -a does not list it).");
                continue;
            }
            String now = sysctls.value(w.key()).orElse("");
            if (HIGHER_IS_STRICTER.contains(w.key()) && number(now) > number(w.value())) {
                notes.add(w.key() + " stays " + now + ": already stricter than " + w.value() + ".");
                continue;
            }
            inputs.add(new SettingInput(w.key(), w.value(), w.why(), 0, 0));
        }
        ValidationReport report = new PlanValidator(catalog).validate(inputs, sysctls, shared);
        if (report.hasErrors()) {
            throw new HardenException("The kernel step's own settings did not pass kernel tuning's checks on " + host.hostName() + ": "
                    + String.join("; ", report.errors().stream().map(PlanIssue::describe).toList()));
        }
        for (PlanIssue w : report.warnings()) {
            (w.message().contains("global to the kernel") ? notes : warnings).add(w.describe());
        }
        Map<String, String> file = new LinkedHashMap<>();
        List<ChangeEngine.Planned> changes = new ArrayList<>();
        List<String> settings = new ArrayList<>();
        for (ValidSetting v : report.accepted()) {
            file.put(v.key(), v.value());
            String now = sysctls.value(v.key()).orElse("");
            boolean same = now.strip().equals(v.value());
            settings.add(v.key() + " = " + v.value() + (same ? " (already)" : " (now " + now + ")"));
            if (!same) {
                changes.add(new ChangeEngine.Planned(StepKind.SYSCTL, v.key(), v.value()));
            }
        }
        if (file.isEmpty()) {
            return StepPlan.skip(step(), "No security sysctl can be set on " + host.hostName() + (shared
                    ? " (it runs this machine's kernel: only per-network-namespace keys could be set, and none is there)." : "."));
        }
        warnings.addAll(SysctlOverrides.warnings(facts.get("files"), FILE, file));
        String content = fileText(host.hostName(), file);
        if (changes.isEmpty() && facts.get("current").strip().equals(content.strip())) {
            return new StepPlan(step(), "Kernel: already hardened", List.of(), false, settings, notes, warnings,
                    "Every security sysctl already has its hardened value on " + host.hostName() + ", and " + FILE + " keeps them.");
        }
        changes = forwardingFirst(changes, file);
        changes.add(new ChangeEngine.Planned(StepKind.FILE, FILE, content));
        notes.add(FILE + " keeps these values across reboots (read after the distribution's 50-*.conf; kernel tuning's "
                + SysctlCommands.FILE + " is read later and wins where both set a key). Rollback sets the live values back, not only the file.");
        return new StepPlan(step(), "Kernel: security sysctls", changes, false, settings, notes, warnings, null);
    }

    /** The hardened values for this host; ip_forward only when nothing needs forwarding. */
    private static List<Want> wanted(Forwarding.Need need, String ipForward, List<String> notes) {
        List<Want> w = new ArrayList<>();
        String rp = need.asymmetric() ? "2" : "1";
        String rpWhy = need.asymmetric() ? "loose reverse-path filter: this host routes asymmetrically (" + need.asymmetricWhy() + ")"
                : "strict reverse-path filter: drops packets whose source would not be routed back the way they came (spoofing)";
        w.add(new Want("net.ipv4.conf.all.rp_filter", rp, rpWhy));
        w.add(new Want("net.ipv4.conf.default.rp_filter", rp, rpWhy));
        if (need.asymmetric()) {
            notes.add("rp_filter = 2 (loose), not 1: " + need.asymmetricWhy() + "; strict filtering would drop replies that come back another way.");
        }
        w.add(new Want("net.ipv4.tcp_syncookies", "1", "SYN cookies when the SYN queue overflows (SYN floods)"));
        for (String f : List.of("net.ipv4.conf.all", "net.ipv4.conf.default", "net.ipv6.conf.all", "net.ipv6.conf.default")) {
            w.add(new Want(f + ".accept_redirects", "0", "no ICMP redirects: another host cannot change this host's routes"));
        }
        for (String f : List.of("net.ipv4.conf.all", "net.ipv4.conf.default")) {
            w.add(new Want(f + ".send_redirects", "0", "a server that is not a router sends no redirects"));
            w.add(new Want(f + ".accept_source_route", "0", "no source-routed packets"));
        }
        for (String f : List.of("net.ipv6.conf.all", "net.ipv6.conf.default")) {
            w.add(new Want(f + ".accept_source_route", "0", "no source-routed packets"));
        }
        w.add(new Want("net.ipv4.conf.all.log_martians", "1", "log packets with impossible source addresses"));
        w.add(new Want("net.ipv4.conf.default.log_martians", "1", "log packets with impossible source addresses"));
        w.add(new Want("net.ipv4.icmp_echo_ignore_broadcasts", "1", "no answers to broadcast pings (smurf amplification)"));
        w.add(new Want("kernel.kptr_restrict", "2", "kernel addresses hidden from everyone, root included (dev-sec, Lynis); "
                + "perf needs 1 to resolve kernel symbols"));
        w.add(new Want("kernel.dmesg_restrict", "1", "the kernel log only for CAP_SYSLOG"));
        w.add(new Want("kernel.yama.ptrace_scope", "1", "a process may be debugged only by its parent"));
        w.add(new Want("fs.protected_hardlinks", "1", "no hard links to other users' files"));
        w.add(new Want("fs.protected_symlinks", "1", "no symlink attacks in /tmp and other sticky directories"));
        w.add(new Want("fs.protected_fifos", "2", "no FIFO spoofing in sticky directories"));
        w.add(new Want("fs.protected_regular", "2", "no pre-created files in sticky directories"));
        w.add(new Want("fs.suid_dumpable", "0", "no core dumps of set-user-ID programs (they hold root's memory)"));
        w.add(new Want("kernel.randomize_va_space", "2", "full address space layout randomisation"));
        if (ipForward.equals("keep")) {
            notes.add(IP_FORWARD + " is left as it is (" + OPT_IP_FORWARD + " = keep).");
        } else if (need.forwarding()) {
            notes.add(IP_FORWARD + " is kept as it is: this host forwards packets for " + String.join("; ", need.forwardingWhy())
                    + ". Turning it off would cut them off.");
        } else {
            w.add(new Want(IP_FORWARD, "0", "nothing on this host needs forwarding (no libvirt NAT network, no Docker, not a router)"));
        }
        return w;
    }

    /**
     * Writing ip_forward makes the kernel set net.ipv4.conf.all.accept_redirects to its opposite
     * (devinet.c, inet_forward_change). So ip_forward goes first, with accept_redirects set once before it
     * (restored after it on rollback, which runs newest first) and once after it (the value that stays).
     */
    static List<ChangeEngine.Planned> forwardingFirst(List<ChangeEngine.Planned> changes, Map<String, String> file) {
        String redirects = "net.ipv4.conf.all.accept_redirects";
        if (changes.stream().noneMatch(c -> c.target().equals(IP_FORWARD)) || !file.containsKey(redirects)) {
            return changes;
        }
        List<ChangeEngine.Planned> out = new ArrayList<>();
        ChangeEngine.Planned r = new ChangeEngine.Planned(StepKind.SYSCTL, redirects, file.get(redirects));
        out.add(r);
        out.add(new ChangeEngine.Planned(StepKind.SYSCTL, IP_FORWARD, file.get(IP_FORWARD)));
        changes.stream().filter(c -> !c.target().equals(IP_FORWARD) && !c.target().equals(redirects)).forEach(out::add);
        out.add(r);
        return out;
    }

    static String fileText(String hostName, Map<String, String> values) {
        StringBuilder sb = new StringBuilder("# Written by ClusterDeck (hardening, kernel step) for " + hostName.replaceAll("\\p{Cntrl}", "?") + ".\n"
                + "# Undo with: clusterdeck changes rollback ID (it also restores the live values).\n");
        values.forEach((k, v) -> sb.append(k).append(" = ").append(v).append('\n'));
        return sb.toString();
    }

    @Override
    public List<Check> verify(RemoteShell shell, HostContext host, StepPlan plan, HardenOptions options) {
        List<String> keys = plan.settings().stream().map(s -> s.split(" = ", 2)[0]).toList();
        List<String> argv = new ArrayList<>(List.of("/sbin/sysctl", "--"));
        argv.addAll(keys);
        CommandResult r = shell.run(new RemoteCommand(argv, false, null, null));
        Map<String, String> now = HostSysctls.parse(r.stdout(), r.stderr()).values();
        List<String> differ = new ArrayList<>();
        for (String s : plan.settings()) {
            String[] kv = s.split(" = ", 2);
            String want = kv[1].replaceFirst(" \\(.*\\)$", "");
            String got = now.get(kv[0]);
            if (got == null || !got.strip().equals(want)) {
                differ.add(kv[0] + " is " + got + ", not " + want);
            }
        }
        List<Check> checks = new ArrayList<>();
        checks.add(differ.isEmpty() ? Check.pass(step(), "live sysctl values", "all " + keys.size() + " keys read back as planned")
                : Check.fail(step(), "live sysctl values", String.join("; ", differ)));
        CommandResult f = shell.run(RemoteCommand.sudo("cat", "--", FILE));
        boolean fileOk = f.ok() && keys.stream().allMatch(k -> f.stdout().contains(k + " = "));
        checks.add(fileOk ? Check.pass(step(), FILE, "lists every key, so a reboot keeps the values")
                : Check.fail(step(), FILE, "missing or incomplete: " + f.stderr().strip()));
        return checks;
    }

    private static long number(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }
}
