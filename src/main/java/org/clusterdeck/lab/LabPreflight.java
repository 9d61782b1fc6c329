package org.clusterdeck.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Checks that this machine can run lab hosts: root, systemd-nspawn, overlayfs, sshd and friends. */
public final class LabPreflight {
    static final Path IP = firstExisting("/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip");
    static final Path SSHD = firstExisting("/usr/sbin/sshd", "/sbin/sshd");
    static final Path SSH_KEYGEN = firstExisting("/usr/bin/ssh-keygen", "/bin/ssh-keygen");
    static final Path NSENTER = firstExisting("/usr/bin/nsenter", "/bin/nsenter");
    static final Path NSPAWN = firstExisting("/usr/bin/systemd-nspawn", "/bin/systemd-nspawn");
    static final Path SETSID = firstExisting("/usr/bin/setsid", "/bin/setsid");
    static final Path MOUNT = firstExisting("/usr/bin/mount", "/bin/mount");
    static final Path UMOUNT = firstExisting("/usr/bin/umount", "/bin/umount");
    static final Path SYSCTL = firstExisting("/usr/sbin/sysctl", "/sbin/sysctl");

    private LabPreflight() {
    }

    /** Every reason the lab cannot run here; empty when it can. */
    public static List<String> problems() {
        return problems(isRoot());
    }

    static List<String> problems(boolean root) {
        List<String> problems = new ArrayList<>();
        if (!root) {
            problems.add("lab hosts need root (containers, mounts and routes): run as root, e.g. sudo " + org.clusterdeck.text.Invocation.command("lab up"));
        }
        need(problems, IP, "ip (package iproute2)");
        need(problems, SSHD, "sshd (package openssh-server)");
        need(problems, SSH_KEYGEN, "ssh-keygen (package openssh-client)");
        need(problems, NSENTER, "nsenter (package util-linux)");
        need(problems, SETSID, "setsid (package util-linux)");
        need(problems, MOUNT, "mount (package mount)");
        need(problems, UMOUNT, "umount (package mount)");
        need(problems, SYSCTL, "sysctl (package procps)");
        need(problems, NSPAWN, "systemd-nspawn (package systemd-container: apt-get install systemd-container)");
        need(problems, Files.isExecutable(Path.of("/lib/systemd/systemd")) ? IP : null,
                "systemd, which lab hosts boot (package systemd)");
        if (!overlaySupported()) {
            problems.add("the kernel has no overlay file system (lab hosts are overlays of this machine's root):"
                    + " load it with 'modprobe overlay'");
        }
        return problems;
    }

    /** Throws with every reason when the lab cannot run here. */
    public static void require() {
        require(isRoot());
    }

    static void require(boolean root) {
        List<String> problems = problems(root);
        if (!problems.isEmpty()) {
            throw new LabException("Cannot run the local lab: " + String.join("; ", problems) + ".");
        }
    }

    private static boolean overlaySupported() {
        try {
            if (Files.readString(Path.of("/proc/filesystems")).contains("\toverlay")) {
                return true;
            }
        } catch (IOException e) {
            return false;
        }
        return Files.isDirectory(Path.of("/sys/module/overlay"));
    }

    public static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[2].equals("0");
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    private static void need(List<String> problems, Path tool, String what) {
        if (tool == null) {
            problems.add("missing " + what);
        }
    }

    private static Path firstExisting(String... candidates) {
        for (String c : candidates) {
            Path p = Path.of(c);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
