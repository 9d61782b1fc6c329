package org.clusterdeck.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.clusterdeck.remote.KnownHosts;

/**
 * The local practice lab: real hosts on this machine, each a booted {@code systemd-nspawn}
 * container (its own PID, mount, UTS, IPC and network namespaces; its root an overlay of this
 * machine's, writes landing in its own layer), reachable only from this machine. Needs root.
 *
 * <pre>{@code
 * Lab lab = new Lab(new LabLayout(1, "lab"));
 * List<LabHost> hosts = lab.up(3);                         // ssh root@10.213.1.11 with lab.layout().keyFile()
 * lab.up(LabHostSpec.cluster(""));                         // lb1, web1, web2, db1, db2
 * lab.down();                                              // safe to repeat, also after a crash
 * }</pre>
 */
public final class Lab {
    /** A booting container answers SSH in a few seconds alone, much later when five boot at once on 2 cores. */
    private static final long BOOT_MILLIS = 120_000;

    private final LabLayout layout;
    private final LabNetwork network;
    private final LabHostBuilder builder;

    public Lab(LabLayout layout) {
        this(layout, List.of());
    }

    /** With more workstation directories to hide from the hosts (the data directory). */
    public Lab(LabLayout layout, List<Path> alsoHidden) {
        this.layout = layout;
        this.network = new LabNetwork(layout);
        this.builder = new LabHostBuilder(layout, alsoHidden);
    }

    public LabLayout layout() {
        return layout;
    }

    /** The layout in the range the running lab was started with ('lab up --range'), else {@code layout}. */
    public static LabLayout withStoredRange(LabLayout layout) {
        try {
            Path f = layout.stateDir().resolve("range");
            if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                return layout.withRange(LabFiles.read(f).strip());
            }
        } catch (IOException | IllegalArgumentException e) {
            // no usable record: the layout as given
        }
        return layout;
    }

    /** Creates n plain hosts (1-200); see {@link #up(List)}. */
    public List<LabHost> up(int n) {
        if (n < 1 || n > LabLayout.MAX_HOSTS) {
            throw new LabException("The lab can have 1 to " + LabLayout.MAX_HOSTS + " hosts, not " + n + ".");
        }
        return up(LabHostSpec.plain(layout.hostPrefix(), n));
    }

    /**
     * Creates these hosts. If exactly these hosts already run and answer, they are kept;
     * otherwise any earlier pieces of this lab are removed first.
     */
    public List<LabHost> up(List<LabHostSpec> specs) {
        if (specs.isEmpty() || specs.size() > LabLayout.MAX_HOSTS) {
            throw new LabException("The lab can have 1 to " + LabLayout.MAX_HOSTS + " hosts, not " + specs.size() + ".");
        }
        LabPreflight.require();
        try {
            LabFiles.privateDir(layout.stateDir()); // refuses a planted link or a user's directory before anything else
        } catch (IOException e) {
            throw new LabException("Cannot make the lab's state directory " + layout.stateDir() + ": " + e.getMessage(), e);
        }
        List<LabHost> existing = runningHosts();
        if (existing.stream().map(h -> new LabHostSpec(h.name(), h.role())).toList().equals(specs)
                && withStoredRange(layout).range().equals(layout.range())
                && existing.stream().allMatch(h -> network.portOpen(h.address(), h.sshPort()))) {
            return existing;
        }
        down();
        try {
            return create(specs);
        } catch (RuntimeException | IOException e) {
            try {
                down();
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            if (e instanceof LabException le) {
                throw new LabException(le.getMessage() + " Everything created so far was removed again.", le);
            }
            throw new LabException("Creating the lab failed: " + e.getMessage()
                    + ". Everything created so far was removed again.", e);
        }
    }

    private List<LabHost> create(List<LabHostSpec> specs) throws IOException {
        LabFiles.privateDir(layout.stateDir());
        LabFiles.write(layout.stateDir().resolve("range"), layout.range() + "\n", "rw-------");
        String authorizedKey = labKey();
        network.up();
        List<LabHost> hosts = new ArrayList<>();
        for (int i = 1; i <= specs.size(); i++) {
            hosts.add(builder.create(i, specs.get(i - 1), authorizedKey));
        }
        long deadline = System.currentTimeMillis() + BOOT_MILLIS;
        for (LabHost h : hosts) {
            try {
                awaitSsh(h, deadline);
            } catch (LabException e) {
                throw new LabException(e.getMessage() + " Inside: " + diagnose(h) + " Its console ended with: "
                        + consoleTail(h.number()), e);
            }
        }
        return hosts;
    }

    /**
     * Waits for the host's sshd. Seen under load: the host's network unit failed now and then and left it
     * with no address; after 45 s without an answer the set-up script runs once more inside the host.
     */
    private void awaitSsh(LabHost h, long deadline) {
        long firstTry = Math.min(deadline, System.currentTimeMillis() + 45_000);
        try {
            network.awaitPort(h.address(), h.sshPort(), Math.max(1000, firstTry - System.currentTimeMillis()));
            return;
        } catch (LabException slow) {
            try {
                exec(h, "/bin/sh", "/etc/clusterdeck-lab-net.sh");
            } catch (LabException notYet) {
                // the host is not far enough in its boot to run it: the last wait below tells
            }
        }
        network.awaitPort(h.address(), h.sshPort(), Math.max(1000, deadline - System.currentTimeMillis()));
    }

    /** What a host that does not answer looks like from inside, for the error message. */
    private String diagnose(LabHost h) {
        try {
            LocalCommand.Result r = exec(h, "/bin/sh", "-c", "systemctl is-system-running; ip -o -4 addr show;"
                    + " systemctl --failed --no-legend; systemctl is-active ssh;"
                    + " journalctl -b -u clusterdeck-lab-net --no-pager -o cat -n 8");
            return (r.stdout() + r.stderr()).strip().replace('\n', ';');
        } catch (LabException e) {
            return e.getMessage();
        }
    }

    private String consoleTail(int n) {
        try {
            List<String> lines = LabFiles.read(layout.hostDir(n).resolve("console.log")).lines().toList();
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
        } catch (IOException e) {
            return "(no console log: " + e.getMessage() + ")";
        }
    }

    /** The lab's key pair (ed25519, no passphrase), made on first use; returns the public key line. */
    private String labKey() throws IOException {
        Path key = layout.keyFile();
        Path pub = Path.of(key + ".pub");
        if (!Files.isRegularFile(key, LinkOption.NOFOLLOW_LINKS) || !Files.isRegularFile(pub, LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(key);
            Files.deleteIfExists(pub);
            LocalCommand.check(LabPreflight.SSH_KEYGEN.toString(), "-q", "-t", "ed25519", "-N", "", "-C",
                    "clusterdeck-lab", "-f", key.toString());
        }
        return LabFiles.read(pub).strip();
    }

    /** Hosts of this lab whose container runs (its nspawn is alive) and whose recorded host key can be read. */
    public List<LabHost> runningHosts() {
        List<String> running = new ArrayList<>(LabCleanup.nspawns(layout).keySet());
        running.addAll(LabCleanup.supervisors(layout).keySet());
        List<LabHost> hosts = new ArrayList<>();
        for (int n : LabCleanup.hostNumbers(layout)) {
            if (running.contains(layout.namespace(n))) {
                recorded(n).ifPresent(hosts::add);
            }
        }
        hosts.sort(Comparator.comparingInt(LabHost::number));
        return hosts;
    }

    private Optional<LabHost> recorded(int n) {
        LabLayout l = withStoredRange(layout);
        try {
            String[] host = LabFiles.read(l.hostDir(n).resolve("host")).split("\n");
            var key = LabHostBuilder.readPublicKey(l.hostDir(n).resolve("host_key.pub"));
            return Optional.of(new LabHost(n, host[0].strip(), l.namespace(n), l.address(n), 22, key,
                    KnownHosts.fingerprint(key), l.keyFile(), host.length > 1 ? host[1].strip() : "web"));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // a half-made host: 'lab down' removes it
        }
    }

    /** One line per host for 'lab status': state, memory of its processes, its services. */
    public record HostStatus(LabHost host, String state, long memoryBytes, List<String> services, boolean sshAnswers) {
    }

    /** The state of the lab as found on the machine (not as remembered). */
    public record Status(String range, boolean safetyRoute, boolean bridge, List<HostStatus> hosts) {
        public boolean isUp() {
            return bridge && !hosts.isEmpty();
        }
    }

    public Status status() {
        LabLayout l = withStoredRange(layout);
        List<HostStatus> hosts = new ArrayList<>();
        if (LabPreflight.IP == null) {
            return new Status(l.range(), false, false, hosts);
        }
        LabNetwork net = new LabNetwork(l);
        for (int n : LabCleanup.hostNumbers(layout)) {
            Optional<LabHost> recorded = recorded(n);
            if (recorded.isEmpty()) {
                continue;
            }
            LabHost h = recorded.get();
            Optional<ProcessHandle> leader = LabCleanup.leader(layout, h.namespace());
            boolean ssh = leader.isPresent() && net.portOpen(h.address(), h.sshPort());
            List<String> services = new ArrayList<>();
            if (leader.isPresent()) {
                List<String> units = h.role().equals("db") ? List.of("ssh", "nginx", "mariadb") : List.of("ssh", "nginx");
                List<String> argv = new ArrayList<>(List.of("systemctl", "is-active"));
                argv.addAll(units);
                String[] states = exec(h, argv.toArray(String[]::new)).stdout().split("\n");
                for (int i = 0; i < units.size(); i++) {
                    services.add(units.get(i) + " " + (i < states.length ? states[i].strip() : "?"));
                }
            }
            String state = leader.isEmpty() ? (LabCleanup.supervisors(layout).containsKey(h.namespace()) ? "restarting" : "stopped")
                    : ssh ? "running" : "booting";
            hosts.add(new HostStatus(h, state, leader.map(LabMemory::ofNamespaceOf).orElse(0L), services, ssh));
        }
        return new Status(l.range(), LabNetwork.safetyRoutePresent(l.range()), net.bridgeExists(), hosts);
    }

    /**
     * Runs a program inside a running host (all its namespaces and its root), as its root, from
     * this machine; for tests and status. Use SSH for anything a user asked for.
     */
    public LocalCommand.Result exec(LabHost host, String... argv) {
        ProcessHandle leader = LabCleanup.leader(layout, host.namespace())
                .orElseThrow(() -> new LabException("The lab host " + host.name() + " (" + host.namespace() + ") is not running."));
        List<String> cmd = new ArrayList<>(List.of(LabPreflight.NSENTER.toString(), "--target",
                Long.toString(leader.pid()), "--all", "--root", "--wd", "--"));
        cmd.addAll(List.of(argv));
        return LocalCommand.run(cmd);
    }

    /** Removes everything of this lab: containers, mounts, bridge, routes, files. Safe to repeat. */
    public void down() {
        LabPreflight.require();
        LabLayout l = withStoredRange(layout);
        new LabCleanup(l).removeAll();
        new LabNetwork(l).down();
        deleteStateDir();
    }

    /** Gives the host a fresh host key and restarts its sshd, as a re-installed host would (for tests). */
    public LabHost regenerateHostKey(LabHost host) throws IOException {
        LocalCommand.Result r = exec(host, "/bin/sh", "-c", "rm -f /etc/ssh/ssh_host_ed25519_key /etc/ssh/ssh_host_ed25519_key.pub"
                + " && ssh-keygen -q -t ed25519 -N '' -C clusterdeck-lab -f /etc/ssh/ssh_host_ed25519_key"
                + " && systemctl restart ssh && cat /etc/ssh/ssh_host_ed25519_key.pub");
        if (!r.ok()) {
            throw new LabException("Could not give " + host.name() + " a new host key: " + r.reason());
        }
        Path pub = layout.hostDir(host.number()).resolve("host_key.pub");
        LabFiles.write(pub, r.stdout().strip() + "\n", "rw-------");
        network.awaitPort(host.address(), host.sshPort(), 10_000);
        var key = LabHostBuilder.readPublicKey(pub);
        return new LabHost(host.number(), host.name(), host.namespace(), host.address(), host.sshPort(), key,
                KnownHosts.fingerprint(key), host.privateKey(), host.role());
    }

    private void deleteStateDir() {
        Path dir = layout.stateDir();
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!LabCleanup.mounts(layout).isEmpty()) {
            throw new LabException("The lab's state directory " + dir + " still has mounts " + LabCleanup.mounts(layout)
                    + "; run '" + org.clusterdeck.text.Invocation.command("lab down") + "' again.");
        }
        if (Files.isSymbolicLink(dir)) {
            throw new LabException("The lab's state directory " + dir + " is a symbolic link, which the lab never makes;"
                    + " it was left alone. Remove it by hand once you know who made it.");
        }
        try {
            LabFiles.deleteTree(dir);
        } catch (IOException e) {
            throw new LabException("The lab is down, but its directory " + dir + " could not be removed: "
                    + e.getMessage() + ". Remove it by hand.", e);
        }
    }
}
