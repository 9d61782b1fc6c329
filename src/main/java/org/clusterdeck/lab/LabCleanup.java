package org.clusterdeck.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Finds and removes a lab's pieces by their names, not by what an earlier run remembered, so it
 * also cleans up after a crash: processes in the namespaces, hostname mounts, namespaces and
 * their /etc/netns directories.
 */
final class LabCleanup {
    private final LabLayout layout;

    LabCleanup(LabLayout layout) {
        this.layout = layout;
    }

    void removeAll() {
        List<String> namespaces = namespaces(layout);
        killProcesses(namespaces);
        unmountHostnames();
        for (String ns : namespaces) {
            LocalCommand.Result r = LocalCommand.run(LabPreflight.IP.toString(), "netns", "del", ns);
            if (!r.ok() && namespaces(layout).contains(ns)) {
                throw new LabException("Cannot remove the network namespace " + ns + ": " + r.reason()
                        + ". Run '" + org.clusterdeck.text.Invocation.command("lab down") + "' again, or 'ip netns del " + ns + "'.");
            }
        }
        removeEtcDirs();
    }

    /** Host numbers of this lab whose namespace exists, ascending. */
    static List<Integer> hostNumbers(LabLayout layout) {
        TreeSet<Integer> numbers = new TreeSet<>();
        for (String ns : namespaces(layout)) {
            numbers.add(Integer.parseInt(ns.substring(layout.namespacePrefix().length())));
        }
        return new ArrayList<>(numbers);
    }

    static List<String> namespaces(LabLayout layout) {
        List<String> out = new ArrayList<>();
        String listing = LocalCommand.run(LabPreflight.IP.toString(), "netns", "list").stdout();
        for (String line : listing.split("\n")) {
            String name = line.strip().split("\\s+")[0];
            if (isOurs(layout, name)) {
                out.add(name);
            }
        }
        return out;
    }

    private static boolean isOurs(LabLayout layout, String name) {
        return name.startsWith(layout.namespacePrefix())
                && name.substring(layout.namespacePrefix().length()).matches("\\d{1,3}");
    }

    static List<Long> pids(String namespace) {
        List<Long> pids = new ArrayList<>();
        LocalCommand.Result r = LocalCommand.run(LabPreflight.IP.toString(), "netns", "pids", namespace);
        for (String line : r.stdout().split("\n")) {
            if (line.strip().matches("\\d+")) {
                pids.add(Long.parseLong(line.strip()));
            }
        }
        return pids;
    }

    /** Stops every process in the namespace: TERM, then KILL for those still there after 2 s. */
    static void killProcesses(String namespace) {
        killProcesses(List.of(namespace));
    }

    /** As above for several namespaces at once, so their processes wind down together. */
    static void killProcesses(List<String> namespaces) {
        List<Long> pids = new ArrayList<>();
        namespaces.forEach(ns -> pids.addAll(pids(ns)));
        List<ProcessHandle> procs = pids.stream().map(ProcessHandle::of).flatMap(java.util.Optional::stream).toList();
        procs.forEach(ProcessHandle::destroy);
        long deadline = System.currentTimeMillis() + 2000;
        while (procs.stream().anyMatch(LabCleanup::running) && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        procs.stream().filter(LabCleanup::running).forEach(ProcessHandle::destroyForcibly);
    }

    /**
     * Alive and not a zombie: a daemonised sshd's parent is PID 1, which in some containers never
     * reaps, so a stopped sshd can stay a zombie that {@link ProcessHandle#isAlive()} still reports.
     */
    private static boolean running(ProcessHandle p) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
            int close = stat.lastIndexOf(')');
            return close > 0 && close + 2 < stat.length() && stat.charAt(close + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }

    /** Unmounts the persistent hostname (UTS) namespaces of this lab's hosts, wherever they live. */
    private void unmountHostnames() {
        List<String> mountPoints = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                String[] halves = line.split(" - ", 2);
                String[] fields = halves[0].split(" ");
                if (halves.length == 2 && halves[1].startsWith("nsfs ") && fields.length > 4
                        && fields[4].endsWith("/uts")) {
                    mountPoints.add(fields[4].replace("\\040", " "));
                }
            }
        } catch (IOException e) {
            return;
        }
        for (String mp : mountPoints) {
            Path marker = Path.of(mp).resolveSibling("namespace");
            try {
                if (Files.exists(marker) && isOurs(layout, Files.readString(marker).strip())) {
                    LocalCommand.run("umount", mp);
                }
            } catch (IOException e) {
                // unreadable marker: not provably ours, leave it
            }
        }
    }

    private void removeEtcDirs() {
        Path netns = Path.of("/etc/netns");
        if (!Files.isDirectory(netns)) {
            return;
        }
        try (Stream<Path> dirs = Files.list(netns)) {
            for (Path dir : dirs.filter(d -> isOurs(layout, d.getFileName().toString())).toList()) {
                deleteTree(dir);
            }
        } catch (IOException e) {
            throw new LabException("Cannot clean /etc/netns: " + e.getMessage(), e);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
