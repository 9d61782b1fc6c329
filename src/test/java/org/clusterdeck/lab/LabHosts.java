package org.clusterdeck.lab;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.clusterdeck.remote.HostKeyDecision;
import org.clusterdeck.remote.KnownHosts;
import org.clusterdeck.remote.RemoteSessions;
import org.clusterdeck.remote.SecretPrompt;
import org.clusterdeck.remote.SshOptions;
import org.clusterdeck.remote.SshShell;
import org.clusterdeck.remote.SshTarget;

/**
 * A running lab for one test class (see {@link LabExtension}): its hosts, the key that logs in
 * to them, a known-hosts file with their keys trusted, and ways to open shells on them.
 *
 * <pre>{@code
 * @ExtendWith(LabExtension.class) @LabSize(2)
 * class TuningIT {
 *     @Test void applies(LabHosts lab) {
 *         try (SshShell sh = lab.shell(1)) { sh.run(RemoteCommand.of("hostname")); }
 *     }
 * }
 * }</pre>
 */
public final class LabHosts implements AutoCloseable {
    private final Lab lab;
    private volatile List<LabHost> hosts;
    private final KnownHosts knownHosts;
    private final RemoteSessions sessions;
    private final Runnable release;
    private boolean closed;

    LabHosts(Lab lab, List<LabHost> hosts, Runnable release) {
        this.lab = lab;
        this.hosts = List.copyOf(hosts);
        this.release = release;
        Path stateDir = lab.layout().stateDir();
        // only the lab's own file: the user's ~/.ssh/known_hosts has no business in a test
        this.knownHosts = new KnownHosts(stateDir.resolve("known_hosts"), null);
        for (LabHost h : hosts) {
            knownHosts.trust(h.address(), h.sshPort(), h.hostKey());
        }
        this.sessions = new RemoteSessions(knownHosts, HostKeyDecision.REJECT, SecretPrompt.NONE, SshOptions.DEFAULTS);
    }

    public List<LabHost> hosts() {
        return hosts;
    }

    /** Host number n, counting from 1 like the host names (lab1, lab2, ...). */
    public LabHost host(int n) {
        return hosts.get(n - 1);
    }

    public int size() {
        return hosts.size();
    }

    public Lab lab() {
        return lab;
    }

    /** The private key that logs in to every lab host (as root or {@value LabHostBuilder#LAB_USER}). */
    public Path privateKey() {
        return lab.layout().keyFile();
    }

    /** A known-hosts file (no ~/.ssh) in which every lab host's key is already trusted. */
    public KnownHosts knownHosts() {
        return knownHosts;
    }

    /** A connection pool on the lab hosts (host keys trusted, unknown keys refused). */
    public RemoteSessions sessions() {
        return sessions;
    }

    public SshTarget target(int n) {
        return target(n, "root");
    }

    public SshTarget target(int n, String user) {
        LabHost h = host(n);
        return new SshTarget(h.name(), h.address(), h.sshPort(), user, privateKey(), SshTarget.Auth.KEY);
    }

    /** A new SSH connection to host n as root; close it when done. */
    public SshShell shell(int n) {
        return shell(n, "root");
    }

    /** A new SSH connection to host n as {@code user} ("root" or "labuser"). */
    public SshShell shell(int n, String user) {
        return SshShell.connect(target(n, user), knownHosts, HostKeyDecision.REJECT, SecretPrompt.NONE,
                SshOptions.DEFAULTS);
    }

    /** The non-root account on every lab host (sudo -n works for it when sudo is installed). */
    public static String labUser() {
        return LabHostBuilder.LAB_USER;
    }

    /**
     * Runs a program inside host n as its root, from this machine (its namespaces and root, through
     * nsenter): for checks a test makes behind the host's back; use {@link #shell(int)} for the real path.
     */
    public LocalCommand.Result exec(int n, String... argv) {
        return lab.exec(host(n), argv);
    }

    /** Gives host n a new host key and restarts its sshd, as re-installing it would; the trusted key is not updated. */
    public LabHost regenerateHostKey(int n) throws IOException {
        LabHost fresh = lab.regenerateHostKey(host(n));
        List<LabHost> copy = new java.util.ArrayList<>(hosts);
        copy.set(n - 1, fresh);
        hosts = List.copyOf(copy);
        return fresh;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        sessions.close();
        try {
            lab.down();
        } finally {
            release.run();
        }
    }
}
