package org.clusterdeck.harden;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.clusterdeck.change.ChangeEngine;
import org.clusterdeck.remote.CommandResult;
import org.clusterdeck.remote.RemoteCommand;
import org.clusterdeck.remote.RemoteShell;

/**
 * The file-permissions step: world-writable files, and world-writable directories without the
 * sticky bit, in system paths lose "others may write" ({@code chmod o-w}); set-user-ID programs
 * that are not well-known ones, or that sit in /usr/local, lose their SUID bit ({@code chmod u-s})
 * only when asked, because a vendor's program may need it (exim4 delivers local mail through it).
 * One walk of the system paths ({@link #WALK}, the same the host audit reads). Every change is a
 * command step with its exact undo, built from argument vectors that ShellQuote quotes, so a
 * hostile file name (spaces, quotes, newlines, {@code $(…)}) is only ever one argument. The undo
 * gives the bit back only to the same kind of object (a regular file or a directory, never through
 * a symlink planted in its place meanwhile). Not guarded: nothing here can cut SSH.
 *
 * <p>Options: {@code permissions.worldWritable} = {@code remove} (default) or {@code keep};
 * {@code permissions.suid} = {@code keep} (default) or {@code remove}.
 */
public final class PermissionsModule implements StepModule {
    public static final String OPT_WORLD_WRITABLE = "permissions.worldWritable";
    public static final String OPT_SUID = "permissions.suid";
    private static final Set<String> OPTIONS = Set.of(OPT_WORLD_WRITABLE, OPT_SUID);
    /** Where the walk starts: programs, libraries and configuration root runs or reads. */
    static final List<String> ROOTS = List.of("/usr", "/etc", "/bin", "/sbin", "/lib", "/lib64", "/boot", "/opt");
    /** Documentation, translations, icons and headers: nothing here is run or read as configuration (a third of /usr). */
    static final List<String> PRUNED = List.of("/usr/share/man", "/usr/share/doc", "/usr/share/locale", "/usr/share/icons", "/usr/include");
    /**
     * One walk (no crossing into other file systems), printing "ww PATH", "wwdirs PATH" and
     * "suid PATH", one per line, sorted; a backslash in a name is printed as two and a newline as
     * backslash-n ({@link #unescape}), so a name cannot fake a line. Constant text, read-only.
     */
    public static final String WALK = "timeout 15 find " + String.join(" ", ROOTS) + " -xdev \\( "
            + String.join(" -o ", PRUNED.stream().map(p -> "-path " + p).toList()) + " \\) -prune -o "
            + "\\( -type f -perm -0002 -printf 'ww %p\\0' \\) -o \\( -type d -perm -0002 ! -perm -1000 -printf 'wwdirs %p\\0' \\) "
            + "-o \\( -type f -perm -4000 -printf 'suid %p\\0' \\) 2>/dev/null | sed -z 's/\\\\/\\\\\\\\/g; s/\\n/\\\\n/g' "
            + "| tr '\\0' '\\n' | sort | head -n 500";
    /** Set-user-ID programs every distribution ships (by file name). */
    public static final Set<String> KNOWN_SUID = Set.of("su", "sudo", "passwd", "chsh", "chfn", "gpasswd", "newgrp", "mount", "umount",
            "pkexec", "ping", "fusermount", "fusermount3", "ntfs-3g", "ssh-keysign", "dbus-daemon-launch-helper", "polkit-agent-helper-1",
            "chrome-sandbox", "Xorg.wrap", "pppd", "newuidmap", "newgidmap", "sg", "at", "crontab", "unix_chkpwd", "expiry", "chage");

    /** What the walk found, by kind, with the exact paths. */
    public record Found(List<String> worldWritableFiles, List<String> worldWritableDirs, List<String> suid) {
        public List<String> unexpectedSuid() {
            return suid.stream().filter(p -> !expectedSuid(p)).toList();
        }
    }

    @Override
    public HardenStep step() {
        return HardenStep.PERMISSIONS;
    }

    @Override
    public Map<String, String> probes() {
        return Map.of("walk", WALK);
    }

    /** Parses the walk's output: "ww PATH" lines and so on, names unescaped; other lines are ignored. */
    public static Found parse(String walk) {
        List<String> ww = new ArrayList<>();
        List<String> dirs = new ArrayList<>();
        List<String> suid = new ArrayList<>();
        for (String line : walk.split("\n")) {
            int sp = line.indexOf(' ');
            if (sp < 0 || sp + 1 >= line.length() || line.charAt(sp + 1) != '/') {
                continue;
            }
            String path = unescape(line.substring(sp + 1));
            switch (line.substring(0, sp)) {
                case "ww" -> ww.add(path);
                case "wwdirs" -> dirs.add(path);
                case "suid" -> suid.add(path);
                default -> {
                }
            }
        }
        return new Found(List.copyOf(ww), List.copyOf(dirs), List.copyOf(suid));
    }

    /** Reverses the walk's escaping: "\\\\" is a backslash, "\\n" a newline. */
    public static String unescape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                sb.append(n == 'n' ? '\n' : n);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** A well-known SUID program outside /usr/local (programs no package manager tracks). */
    public static boolean expectedSuid(String path) {
        return KNOWN_SUID.contains(path.substring(path.lastIndexOf('/') + 1)) && !path.startsWith("/usr/local/");
    }

    @Override
    public StepPlan plan(HostContext host, HostFacts facts, HardenOptions options) {
        for (String k : options.values().keySet()) {
            if (k.startsWith("permissions.") && !OPTIONS.contains(k)) {
                throw new HardenException("Unknown option " + Printable.of(k) + ": the permissions step reads " + OPT_SUID + " and "
                        + OPT_WORLD_WRITABLE + ".");
            }
        }
        boolean ww = choice(options, OPT_WORLD_WRITABLE, "remove");
        boolean suid = choice(options, OPT_SUID, "keep");
        Found found = parse(facts.get("walk"));
        List<ChangeEngine.Planned> changes = new ArrayList<>();
        List<String> settings = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        notes.add("Walked " + String.join(" ", ROOTS) + " (one file system each, without " + String.join(", ", PRUNED)
                + "): " + found.worldWritableFiles().size() + " world-writable file(s), " + found.worldWritableDirs().size()
                + " world-writable directorie(s) without the sticky bit, " + found.unexpectedSuid().size() + " unexpected set-user-ID program(s).");
        for (String p : found.worldWritableFiles()) {
            settings.add("o-w = " + shown(p) + (ww ? "" : " (kept: " + OPT_WORLD_WRITABLE + " = keep)"));
            if (ww) {
                changes.add(chmod("o-w", "o+w", "f", p));
            }
        }
        for (String p : found.worldWritableDirs()) {
            settings.add("o-w = " + shown(p) + "/ (directory)" + (ww ? "" : " (kept: " + OPT_WORLD_WRITABLE + " = keep)"));
            if (ww) {
                changes.add(chmod("o-w", "o+w", "d", p));
            }
        }
        for (String p : found.unexpectedSuid()) {
            settings.add("u-s = " + shown(p) + (suid ? "" : " (kept: " + OPT_SUID + " = keep)"));
            if (suid) {
                changes.add(chmod("u-s", "u+s", "f", p));
            }
        }
        if (!ww && !found.worldWritableFiles().isEmpty()) {
            warnings.add(found.worldWritableFiles().size() + " world-writable file(s) stay so (" + OPT_WORLD_WRITABLE
                    + " = keep): anyone on the host can change what root runs or reads.");
        }
        if (!suid && !found.unexpectedSuid().isEmpty()) {
            notes.add(found.unexpectedSuid().size() + " set-user-ID program(s) are not on the well-known list (or sit in /usr/local) "
                    + "and keep their bit (" + OPT_SUID + " = keep): a vendor's program may need it. Check each (dpkg -S PATH "
                    + "names its package) and set " + OPT_SUID + " = remove to take the bit away.");
        }
        if (suid && !found.unexpectedSuid().isEmpty()) {
            warnings.add("Removing the set-user-ID bit stops these programs from acting as root for other users (a package's "
                    + "mail or helper program may stop working; a rollback gives the bit back): "
                    + String.join(", ", found.unexpectedSuid().stream().map(PermissionsModule::shown).toList()) + ".");
        }
        if (changes.isEmpty()) {
            return new StepPlan(step(), "File permissions: nothing to change", List.of(), false, settings, notes, warnings,
                    "No world-writable file or directory" + (suid ? " and no unexpected set-user-ID program" : "") + " in the system paths of "
                            + host.hostName() + (ww ? "" : " is to be changed (" + OPT_WORLD_WRITABLE + " = keep)") + ".");
        }
        notes.add("Only the one permission bit changes; the owner, the other bits and the contents stay. A package upgrade may set "
                + "a package's own file back; the host audit finds it again.");
        return new StepPlan(step(), "File permissions: " + changes.size() + " path(s)", changes, false, settings, notes, warnings, null);
    }

    private static boolean choice(HardenOptions options, String name, String fallback) {
        String v = options.get(name, fallback).strip();
        if (v.isEmpty()) {
            v = fallback;
        }
        if (!v.equals("remove") && !v.equals("keep")) {
            throw new HardenException(name + " = " + Printable.of(v) + " is not allowed: use remove or keep.");
        }
        return v.equals("remove");
    }

    /**
     * {@code chmod MODE -- PATH}; the undo runs chmod through find, which does not follow symlinks,
     * only while PATH is still the same kind ({@code -type f|d}): if someone swapped it for a symlink
     * to /etc/shadow or /bin/sh, giving the bit back must not land there.
     */
    static ChangeEngine.Planned chmod(String mode, String undoMode, String type, String path) {
        if (!path.startsWith("/") || path.contains("\0")) {
            throw new HardenException("Not an absolute path from the walk: " + shown(path));
        }
        return ChangeEngine.Planned.command(mode + " " + shown(path), List.of("chmod", mode, "--", path),
                List.of("find", path, "-maxdepth", "0", "-type", type, "-exec", "chmod", undoMode, "--", "{}", "+"));
    }

    /** A path as one readable line (newlines and control characters made visible). */
    static String shown(String path) {
        return Printable.of(path);
    }

    /**
     * Walks the system paths again: nothing of what the options remove may be left (a file made
     * world-writable meanwhile fails it too, and the step is rolled back: better noticed than missed).
     */
    @Override
    public List<Check> verify(RemoteShell shell, HostContext host, StepPlan plan, HardenOptions options) {
        CommandResult r = shell.run(new RemoteCommand(List.of("sh", "-c", WALK), true, null, java.time.Duration.ofSeconds(60)));
        Found now = parse(r.stdout());
        List<Check> checks = new ArrayList<>();
        if (choice(options, OPT_WORLD_WRITABLE, "remove")) {
            List<String> left = new ArrayList<>(now.worldWritableFiles());
            left.addAll(now.worldWritableDirs());
            checks.add(left.isEmpty() ? Check.pass(step(), "no world-writable paths", "the walk of " + String.join(" ", ROOTS) + " finds none")
                    : Check.fail(step(), "no world-writable paths", "still world-writable: "
                    + String.join(", ", left.stream().map(PermissionsModule::shown).toList())));
        }
        if (choice(options, OPT_SUID, "keep")) {
            List<String> left = now.unexpectedSuid();
            checks.add(left.isEmpty() ? Check.pass(step(), "no unexpected set-user-ID programs", "the walk finds only well-known ones")
                    : Check.fail(step(), "no unexpected set-user-ID programs", "still set-user-ID: "
                    + String.join(", ", left.stream().map(PermissionsModule::shown).toList())));
        }
        return checks;
    }
}
