package org.clusterdeck.tuning;

import java.util.Map;
import java.util.Optional;

/**
 * Sysctl keys that matter for security. Some make the kernel run a program as root (a
 * {@code core_pattern} pipe, {@code kernel.modprobe}, the power-off command, usermode helpers):
 * a value there is code execution on the next crash, module load or shutdown, so they are
 * refused whatever the value. Others weaken a protection when lowered: allowed, with a warning
 * that names what is lost.
 */
final class SecurityKeys {
    /** Keys whose value is a program the kernel runs as root, with what triggers it. */
    private static final Map<String, String> RUNS_PROGRAM = Map.of(
            "kernel.modprobe", "the kernel runs this program as root whenever it loads a module",
            "kernel.poweroff_cmd", "the kernel runs this program as root when it powers off",
            "kernel.hotplug", "the kernel runs this program as root on every device event",
            "kernel.usermodehelper.bset", "it sets the capabilities of every program the kernel starts as root",
            "kernel.usermodehelper.inheritable", "it sets the capabilities of every program the kernel starts as root");

    /** Keys that weaken a protection when set below the safe value: safe minimum and what is lost. */
    private record Protection(long safeMinimum, String lost) {
    }

    private static final Map<String, Protection> PROTECTIONS = Map.of(
            "kernel.randomize_va_space", new Protection(2, "address space layout randomisation, which makes memory-corruption exploits much harder"),
            "kernel.yama.ptrace_scope", new Protection(1, "the rule that a process may only be debugged by its parent, so any process of a user can read the memory (keys, passwords) of that user's other processes"),
            "kernel.kptr_restrict", new Protection(1, "hiding kernel addresses, which exploits use to defeat address randomisation"),
            "kernel.dmesg_restrict", new Protection(1, "keeping the kernel log (kernel addresses, hardware details) from unprivileged users"),
            "fs.protected_symlinks", new Protection(1, "the protection against symlink attacks in world-writable directories such as /tmp"),
            "fs.protected_hardlinks", new Protection(1, "the protection against hard-link attacks on files a user does not own"),
            "fs.protected_fifos", new Protection(1, "the protection against FIFO spoofing in world-writable sticky directories"),
            "fs.protected_regular", new Protection(1, "the protection against pre-created files in world-writable sticky directories"),
            "kernel.unprivileged_bpf_disabled", new Protection(1, "the ban on BPF programs loaded by unprivileged users, a frequent kernel exploit path"),
            "net.core.bpf_jit_harden", new Protection(1, "hardening of the BPF JIT against JIT-spraying attacks"));

    private SecurityKeys() {
    }

    /** Why this setting is refused outright, if it is. */
    static Optional<String> refusal(String key, String value) {
        String why = RUNS_PROGRAM.get(key);
        if (why != null) {
            return Optional.of(key + " is refused: " + why + ". ClusterDeck never changes it; set it by hand "
                    + "only if you know exactly what runs");
        }
        if (key.equals("kernel.core_pattern") && value.stripLeading().startsWith("|")) {
            return Optional.of("kernel.core_pattern = " + value.strip() + " is refused: a value starting with '|' "
                    + "makes the kernel run that program as root on every crash of any process");
        }
        return Optional.empty();
    }

    /** The warning for a value that weakens a protection, if it does. */
    static Optional<String> weakening(String key, String normalizedValue) {
        Protection p = PROTECTIONS.get(key);
        if (p == null) {
            return Optional.empty();
        }
        long n;
        try {
            n = Long.parseLong(normalizedValue.strip());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (n >= p.safeMinimum()) {
            return Optional.empty();
        }
        return Optional.of(key + " = " + n + " turns off " + p.lost() + " (safe value: " + p.safeMinimum() + " or more)");
    }
}
