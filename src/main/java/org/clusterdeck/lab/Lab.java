package org.clusterdeck.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * The local practice lab: N real hosts on this machine, each a network namespace with its own
 * sshd, reachable only from this machine. Needs root.
 *
 * <pre>{@code
 * Lab lab = new Lab(new LabLayout(1, dataDir.resolve("lab"), "lab"));
 * List<LabHost> hosts = lab.up(3);   // ssh root@10.213.1.11 with lab.layout().keyFile()
 * lab.down();                         // safe to repeat, also after a crash
 * }</pre>
 */
public final class Lab {
    private static final long SSHD_START_MILLIS = 10_000;

    private final LabLayout layout;
    private final LabNetwork network;
    private final LabHostBuilder builder;

    public Lab(LabLayout layout) {
        this.layout = layout;
        this.network = new LabNetwork(layout);
        this.builder = new LabHostBuilder(layout);
    }

    public LabLayout layout() {
        return layout;
    }

    /**
     * Creates n hosts (1-200). If exactly these n hosts already run and answer, they are kept;
     * otherwise any earlier pieces of this lab are removed first.
     */
    public List<LabHost> up(int n) {
        if (n < 1 || n > LabLayout.MAX_HOSTS) {
            throw new LabException("The lab can have 1 to " + LabLayout.MAX_HOSTS + " hosts, not " + n + ".");
        }
        LabPreflight.require();
        List<LabHost> existing = runningHosts();
        if (existing.size() == n && existing.stream().allMatch(h -> network.portOpen(h.address(), h.sshPort()))) {
            return existing;
        }
        down();
        try {
            return create(n);
        } catch (RuntimeException | IOException e) {
            down();
            if (e instanceof LabException le) {
                throw new LabException(le.getMessage() + " Everything created so far was removed again.", le);
            }
            throw new LabException("Creating the lab failed: " + e.getMessage()
                    + ". Everything created so far was removed again.", e);
        }
    }

    private List<LabHost> create(int n) throws IOException {
        Files.createDirectories(layout.stateDir());
        String authorizedKey = labKey();
        network.up();
        for (int i = 1; i <= n; i++) {
            builder.addNamespace(i);
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(n, 8), r -> {
            Thread t = new Thread(r, "clusterdeck-lab-up");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<LabHost>> futures = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                int host = i;
                futures.add(pool.submit(() -> {
                    LabHost h = builder.create(host, authorizedKey);
                    network.awaitPort(h.address(), h.sshPort(), SSHD_START_MILLIS);
                    return h;
                }));
            }
            List<LabHost> hosts = new ArrayList<>();
            for (Future<LabHost> f : futures) {
                hosts.add(join(f));
            }
            return hosts;
        } finally {
            pool.shutdownNow();
        }
    }

    private static LabHost join(Future<LabHost> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("Interrupted while creating the lab.", e);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof LabException le) {
                throw le;
            }
            if (c instanceof IOException io) {
                throw io;
            }
            throw new LabException("Creating a lab host failed: " + c, c);
        }
    }

    /** The lab's key pair (ed25519, no passphrase), made on first use; returns the public key line. */
    private String labKey() throws IOException {
        Path key = layout.keyFile();
        Path pub = Path.of(key + ".pub");
        if (!Files.exists(key) || !Files.exists(pub)) {
            Files.deleteIfExists(key);
            Files.deleteIfExists(pub);
            LocalCommand.check(LabPreflight.SSH_KEYGEN.toString(), "-q", "-t", "ed25519", "-N", "", "-C",
                    "clusterdeck-lab", "-f", key.toString());
        }
        return Files.readString(pub).strip();
    }

    /** Hosts of this lab whose namespace exists and whose host key can be read. */
    public List<LabHost> runningHosts() {
        List<LabHost> hosts = new ArrayList<>();
        for (int n : LabCleanup.hostNumbers(layout)) {
            Path pub = LabLayout.netnsEtc(layout.namespace(n)).resolve("ssh/ssh_host_ed25519_key.pub");
            try {
                var key = LabHostBuilder.readPublicKey(pub);
                hosts.add(new LabHost(n, layout.hostName(n), layout.namespace(n), layout.address(n), 22, key,
                        org.clusterdeck.remote.KnownHosts.fingerprint(key), layout.keyFile()));
            } catch (IOException e) {
                // a half-made host: 'lab down' removes it
            }
        }
        hosts.sort(Comparator.comparingInt(LabHost::number));
        return hosts;
    }

    /** One line per host for 'lab status'. */
    public record HostStatus(LabHost host, int processes, boolean sshAnswers) {
    }

    /** The state of the lab as found on the machine (not as remembered). */
    public record Status(boolean safetyRoute, boolean bridge, List<HostStatus> hosts) {
        public boolean isUp() {
            return bridge && !hosts.isEmpty();
        }
    }

    public Status status() {
        List<HostStatus> hosts = new ArrayList<>();
        if (LabPreflight.IP == null) {
            return new Status(false, false, hosts);
        }
        for (LabHost h : runningHosts()) {
            hosts.add(new HostStatus(h, LabCleanup.pids(h.namespace()).size(), network.portOpen(h.address(), h.sshPort())));
        }
        return new Status(LabNetwork.safetyRoutePresent(), network.bridgeExists(), hosts);
    }

    /** Removes everything of this lab: processes, namespaces, links, routes, files. Safe to repeat. */
    public void down() {
        LabPreflight.require();
        new LabCleanup(layout).removeAll();
        network.down();
        deleteStateDir();
    }

    /** Sends the hosts a fresh host key and restarts their sshd, as a re-installed host would (for tests). */
    public LabHost regenerateHostKey(LabHost host) throws IOException {
        LabCleanup.killProcesses(host.namespace());
        Path hostDir = layout.hostDir(host.number());
        Path ssh = LabLayout.netnsEtc(host.namespace()).resolve("ssh");
        Files.deleteIfExists(ssh.resolve("ssh_host_ed25519_key"));
        Files.deleteIfExists(ssh.resolve("ssh_host_ed25519_key.pub"));
        LocalCommand.check(LabPreflight.SSH_KEYGEN.toString(), "-q", "-t", "ed25519", "-N", "", "-C", "clusterdeck-lab",
                "-f", ssh.resolve("ssh_host_ed25519_key").toString());
        LocalCommand.check(LabPreflight.IP.toString(), "netns", "exec", host.namespace(), LabPreflight.NSENTER.toString(),
                "--uts=" + hostDir.resolve("uts"), LabPreflight.SSHD.toString(), "-f", "/etc/ssh/sshd_config");
        network.awaitPort(host.address(), host.sshPort(), SSHD_START_MILLIS);
        var key = LabHostBuilder.readPublicKey(ssh.resolve("ssh_host_ed25519_key.pub"));
        return new LabHost(host.number(), host.name(), host.namespace(), host.address(), host.sshPort(), key,
                org.clusterdeck.remote.KnownHosts.fingerprint(key), host.privateKey());
    }

    private void deleteStateDir() {
        Path dir = layout.stateDir();
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new LabException("The lab is down, but its directory " + dir + " could not be removed: "
                    + e.getMessage() + ". Remove it by hand.", e);
        }
    }
}
