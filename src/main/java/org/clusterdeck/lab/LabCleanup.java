package org.clusterdeck.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Finds and removes a lab's pieces by their names, not by what an earlier run remembered, so it
 * also cleans up after a crash: supervising shells and {@code systemd-nspawn} processes (found by
 * their command lines), the containers (killed through their init, which takes their whole PID
 * namespace with it), overlay mounts under the lab's state directory, and nspawn's leftovers.
 */
final class LabCleanup {
    private final LabLayout layout;

    LabCleanup(LabLayout layout) {
        this.layout = layout;
    }

    void removeAll() {
        List<ProcessHandle> doomed = new ArrayList<>();
        supervisors(layout).values().forEach(pid -> ProcessHandle.of(pid).ifPresent(doomed::add));
        doomed.forEach(ProcessHandle::destroyForcibly); // first, or they would restart the containers
        Map<String, Long> nspawns = nspawns(layout);
        List<ProcessHandle> nspawnHandles = new ArrayList<>();
        for (long pid : nspawns.values()) {
            ProcessHandle.of(pid).ifPresent(h -> {
                nspawnHandles.add(h);
                // SIGKILL to a container's init ends every process of its PID namespace at once
                h.children().forEach(ProcessHandle::destroyForcibly);
                h.destroy();
            });
        }
        awaitGone(nspawnHandles, 5000);
        nspawnHandles.stream().filter(LabCleanup::running).forEach(ProcessHandle::destroyForcibly);
        awaitGone(nspawnHandles, 2000);
        unmountOverlays();
        removeNamespaceHosts();
        for (String name : nspawns.keySet()) {
            try {
                LabFiles.deleteTree(Path.of("/run/systemd/nspawn/propagate", name));
            } catch (IOException e) {
                // nspawn's own bookkeeping; it removes it itself next time
            }
        }
    }

    /** Host numbers of this lab that have state (a directory with a host key), ascending. */
    static List<Integer> hostNumbers(LabLayout layout) {
        TreeSet<Integer> numbers = new TreeSet<>();
        if (!Files.isDirectory(layout.stateDir())) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(layout.stateDir())) {
            dirs.map(d -> d.getFileName().toString()).filter(n -> n.matches("h\\d{1,3}"))
                    .forEach(n -> numbers.add(Integer.parseInt(n.substring(1))));
        } catch (IOException e) {
            return List.of();
        }
        return new ArrayList<>(numbers);
    }

    /** Supervising shells of this lab by container name. */
    static Map<String, Long> supervisors(LabLayout layout) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Map.Entry<Long, List<String>> p : commandLines().entrySet()) {
            List<String> argv = p.getValue();
            if (argv.size() > 3 && argv.get(1).equals("-c") && argv.get(3).startsWith(LabHostBuilder.SUPERVISOR_TAG)) {
                String name = argv.get(3).substring(LabHostBuilder.SUPERVISOR_TAG.length());
                if (isOurs(layout, name)) {
                    out.put(name, p.getKey());
                }
            }
        }
        return out;
    }

    /** Running {@code systemd-nspawn} processes of this lab by container name. */
    static Map<String, Long> nspawns(LabLayout layout) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Map.Entry<Long, List<String>> p : commandLines().entrySet()) {
            List<String> argv = p.getValue();
            if (!argv.isEmpty() && argv.get(0).endsWith("systemd-nspawn")) {
                for (String a : argv) {
                    if (a.startsWith("--machine=") && isOurs(layout, a.substring("--machine=".length()))) {
                        out.put(a.substring("--machine=".length()), p.getKey());
                    }
                }
            }
        }
        return out;
    }

    /**
     * The init (PID 1 inside) of a running container, if it runs: nspawn's child in another PID
     * namespace (while the container starts, nspawn's child may still be a helper in ours).
     */
    static Optional<ProcessHandle> leader(LabLayout layout, String name) {
        Long nspawn = nspawns(layout).get(name);
        String ours = pidNamespace(ProcessHandle.current().pid());
        return nspawn == null ? Optional.empty()
                : ProcessHandle.of(nspawn).flatMap(h -> h.children().filter(LabCleanup::running)
                        .filter(c -> { String ns = pidNamespace(c.pid()); return ns != null && !ns.equals(ours); })
                        .findFirst());
    }

    static String pidNamespace(long pid) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "ns", "pid")).toString();
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean isOurs(LabLayout layout, String name) {
        return name.startsWith(layout.namespacePrefix())
                && name.substring(layout.namespacePrefix().length()).matches("\\d{1,3}");
    }

    private static Map<Long, List<String>> commandLines() {
        Map<Long, List<String>> out = new LinkedHashMap<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    byte[] raw = Files.readAllBytes(p.resolve("cmdline"));
                    if (raw.length > 0) {
                        out.put(Long.parseLong(p.getFileName().toString()),
                                List.of(new String(raw, StandardCharsets.UTF_8).split("\0")));
                    }
                } catch (IOException gone) {
                    // exited while we looked
                }
            }
        } catch (IOException e) {
            throw new LabException("Cannot list processes in /proc: " + e.getMessage(), e);
        }
        return out;
    }

    private static void awaitGone(List<ProcessHandle> procs, long millis) {
        long deadline = System.currentTimeMillis() + millis;
        while (procs.stream().anyMatch(LabCleanup::running) && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Alive and not a zombie: a daemonised process's parent is PID 1, which in some containers never
     * reaps, so a stopped process can stay a zombie that {@link ProcessHandle#isAlive()} still reports.
     */
    static boolean running(ProcessHandle p) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
            int close = stat.lastIndexOf(')');
            return close > 0 && close + 2 < stat.length() && stat.charAt(close + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }

    /** Overlay mounts of this lab (any mount point under its state directory), deepest first. */
    static List<String> mounts(LabLayout layout) {
        List<String> out = new ArrayList<>();
        String prefix = layout.stateDir().toAbsolutePath().normalize() + "/";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                String[] fields = line.split(" ");
                if (fields.length > 4) {
                    String mp = fields[4].replace("\\040", " ");
                    if (mp.startsWith(prefix)) {
                        out.add(mp);
                    }
                }
            }
        } catch (IOException e) {
            return out;
        }
        out.sort((a, b) -> b.length() - a.length());
        return out;
    }

    private void unmountOverlays() {
        for (String mp : mounts(layout)) {
            LocalCommand.Result r = LocalCommand.run(LabPreflight.UMOUNT.toString(), mp);
            if (!r.ok() && mounts(layout).contains(mp)) {
                // still busy (a process of ours inside a moment longer): detach it now, freed when unused
                LocalCommand.Result lazy = LocalCommand.run(LabPreflight.UMOUNT.toString(), "-l", mp);
                if (!lazy.ok()) {
                    throw new LabException("Cannot unmount the lab host's root " + mp + ": " + lazy.reason()
                            + ". Run '" + org.clusterdeck.text.Invocation.command("lab down") + "' again, or 'umount -l " + mp + "'.");
                }
            }
        }
    }

    /**
     * Hosts of the earlier design (network namespaces named like the containers, with /etc/netns
     * directories), left by an older ClusterDeck: their processes, namespaces and directories.
     */
    private void removeNamespaceHosts() {
        String ip = LabPreflight.IP.toString();
        for (String line : LocalCommand.run(ip, "netns", "list").stdout().split("\n")) {
            String ns = line.strip().split("\\s+")[0];
            if (!isOurs(layout, ns)) {
                continue;
            }
            for (String pid : LocalCommand.run(ip, "netns", "pids", ns).stdout().split("\n")) {
                if (pid.strip().matches("\\d+")) {
                    ProcessHandle.of(Long.parseLong(pid.strip())).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
            LocalCommand.run(ip, "netns", "del", ns);
            try {
                LabFiles.deleteTree(Path.of("/etc/netns", ns));
            } catch (IOException e) {
                throw new LabException("Cannot remove /etc/netns/" + ns + " of an older lab: " + e.getMessage(), e);
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        LabFiles.deleteTree(dir);
    }
}
