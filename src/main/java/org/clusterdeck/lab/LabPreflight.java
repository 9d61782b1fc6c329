package org.clusterdeck.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Checks that this machine can run lab hosts: root, {@code ip netns}, sshd and friends. */
public final class LabPreflight {
    static final Path IP = firstExisting("/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip");
    static final Path SSHD = firstExisting("/usr/sbin/sshd", "/sbin/sshd");
    static final Path SSH_KEYGEN = firstExisting("/usr/bin/ssh-keygen", "/bin/ssh-keygen");
    static final Path UNSHARE = firstExisting("/usr/bin/unshare", "/bin/unshare");
    static final Path NSENTER = firstExisting("/usr/bin/nsenter", "/bin/nsenter");

    private LabPreflight() {
    }

    /** Every reason the lab cannot run here; empty when it can. */
    public static List<String> problems() {
        return problems(isRoot());
    }

    static List<String> problems(boolean root) {
        List<String> problems = new ArrayList<>();
        if (!root) {
            problems.add("lab hosts need root (network namespaces and routes): run as root, e.g. sudo " + org.clusterdeck.text.Invocation.command("lab up"));
        }
        need(problems, IP, "ip (package iproute2)");
        need(problems, SSHD, "sshd (package openssh-server)");
        need(problems, SSH_KEYGEN, "ssh-keygen (package openssh-client)");
        need(problems, UNSHARE, "unshare (package util-linux)");
        need(problems, NSENTER, "nsenter (package util-linux)");
        if (problems.isEmpty()) {
            LocalCommand.Result r = LocalCommand.run(IP.toString(), "netns", "list");
            if (!r.ok()) {
                problems.add("'ip netns' does not work here (" + r.reason() + "); the kernel or container must allow"
                        + " network namespaces");
            }
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
