package org.clusterdeck.remote;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import net.schmizz.keepalive.KeepAliveProvider;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;

/**
 * A {@link RemoteShell} over one SSH connection (sshj) with strict host-key checking.
 *
 * <pre>{@code
 * try (SshShell sh = SshShell.connect(SshTarget.of(host), knownHosts, HostKeyDecision.REJECT,
 *         SecretPrompt.NONE, SshOptions.DEFAULTS)) {
 *     CommandResult r = sh.run(RemoteCommand.of("uname", "-r"));
 * }
 * }</pre>
 */
public final class SshShell implements RemoteShell {
    /** Per stream of one command: enough for any listing or file ClusterDeck reads, bounded for a hostile host. */
    static final int MAX_OUTPUT_BYTES = 4 * 1024 * 1024;
    private static final ExecutorService STREAM_READERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "clusterdeck-ssh-io");
        t.setDaemon(true);
        return t;
    });
    private static volatile DefaultConfig sharedConfig;
    /**
     * Sockets without Nagle's algorithm: each command is a few small packets, and Nagle plus the
     * server's delayed ACK otherwise adds ~40 ms to every one of them.
     */
    private static final javax.net.SocketFactory NO_DELAY_SOCKETS = new javax.net.SocketFactory() {
        @Override
        public java.net.Socket createSocket() throws IOException {
            java.net.Socket s = new java.net.Socket();
            s.setTcpNoDelay(true);
            return s;
        }

        @Override
        public java.net.Socket createSocket(String host, int port) throws IOException {
            throw new UnsupportedOperationException("connect through createSocket() and connect(address, timeout)");
        }

        @Override
        public java.net.Socket createSocket(String host, int port, java.net.InetAddress localHost, int localPort) {
            throw new UnsupportedOperationException("connect through createSocket() and connect(address, timeout)");
        }

        @Override
        public java.net.Socket createSocket(java.net.InetAddress host, int port) {
            throw new UnsupportedOperationException("connect through createSocket() and connect(address, timeout)");
        }

        @Override
        public java.net.Socket createSocket(java.net.InetAddress address, int port, java.net.InetAddress localAddress,
                                            int localPort) {
            throw new UnsupportedOperationException("connect through createSocket() and connect(address, timeout)");
        }
    };

    private final SshTarget target;
    private final SSHClient client;
    private final String hostKeyFingerprint;
    private volatile Boolean root;

    private SshShell(SshTarget target, SSHClient client, String hostKeyFingerprint) {
        this.target = target;
        this.client = client;
        this.hostKeyFingerprint = hostKeyFingerprint;
        this.root = "root".equals(target.user()) ? Boolean.TRUE : null;
    }

    /** Connects, verifies the host key and authenticates; throws {@link RemoteException} saying why not. */
    public static SshShell connect(SshTarget target, KnownHosts knownHosts, HostKeyDecision decision,
                                   SecretPrompt prompt, SshOptions options) {
        StrictHostKeyVerifier verifier = new StrictHostKeyVerifier(knownHosts, decision, target.name());
        SSHClient client = new SSHClient(config());
        client.addHostKeyVerifier(verifier);
        client.setConnectTimeout((int) options.connectTimeout().toMillis());
        client.setSocketFactory(NO_DELAY_SOCKETS);
        // set before connect: sshj starts the keep-alive thread on connect only if an interval is set
        client.getConnection().getKeepAlive().setKeepAliveInterval((int) Math.max(1, options.keepAliveInterval().toSeconds()));
        try {
            client.connect(target.address(), target.port());
        } catch (IOException e) {
            closeQuietly(client);
            if (verifier.refusal() != null) {
                throw verifier.refusal();
            }
            throw connectError(target, options, e);
        }
        try {
            SshAuthenticator.authenticate(client, target, prompt);
        } catch (RuntimeException e) {
            closeQuietly(client);
            throw e;
        }
        return new SshShell(target, client, verifier.acceptedFingerprint());
    }

    private static DefaultConfig config() {
        DefaultConfig c = sharedConfig;
        if (c == null) {
            // building the config registers algorithms and costs ~100 ms: do it once
            synchronized (SshShell.class) {
                c = sharedConfig;
                if (c == null) {
                    c = new DefaultConfig();
                    c.setKeepAliveProvider(KeepAliveProvider.KEEP_ALIVE);
                    sharedConfig = c;
                }
            }
        }
        return c;
    }

    static RemoteException connectError(SshTarget t, SshOptions options, IOException e) {
        String where = t.name() + " (" + t.address() + ":" + t.port() + ")";
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (e instanceof UnknownHostException || root instanceof UnknownHostException) {
            return new RemoteException("Cannot resolve the address '" + t.address() + "' of " + t.name()
                    + ". Check the host's address in the inventory.", e);
        }
        if (e instanceof ConnectException || root instanceof ConnectException) {
            return new RemoteException("Cannot reach " + where + ": connection refused. Is sshd running there, and"
                    + " is " + t.port() + " the right SSH port?", e);
        }
        if (e instanceof NoRouteToHostException || root instanceof NoRouteToHostException) {
            return new RemoteException("Cannot reach " + where + ": no route to host. Check the address and that the"
                    + " host is up.", e);
        }
        if (e instanceof SocketTimeoutException || root instanceof SocketTimeoutException) {
            return new RemoteException("Cannot reach " + where + ": no answer within "
                    + options.connectTimeout().toSeconds() + " s. The host may be down, or a firewall drops SSH.", e);
        }
        return new RemoteException("SSH connection to " + where + " failed: " + e.getMessage(), e);
    }

    @Override
    public String hostName() {
        return target.name();
    }

    public SshTarget target() {
        return target;
    }

    /** SHA256 fingerprint of the host key this connection verified. */
    public String hostKeyFingerprint() {
        return hostKeyFingerprint;
    }

    public boolean isConnected() {
        return client.isConnected() && client.isAuthenticated();
    }

    /** Whether commands already run as root (then {@code sudo} is not needed). */
    public boolean isRoot() {
        Boolean r = root;
        if (r == null) {
            CommandResult id = exec("id -u", null, RemoteCommand.DEFAULT_TIMEOUT);
            r = id.ok() && id.stdout().strip().equals("0");
            root = r;
        }
        return r;
    }

    @Override
    public CommandResult run(RemoteCommand command) {
        boolean needsSudo = command.sudo() && !isRoot();
        return exec(command.shellLine(needsSudo), command.stdin(), command.timeout());
    }

    private CommandResult exec(String line, String stdin, Duration timeout) {
        Session session;
        try {
            session = client.startSession();
        } catch (IOException e) {
            throw new RemoteException("The SSH connection to " + target.name() + " was lost (" + e.getMessage()
                    + "). Try again; ClusterDeck reconnects on the next command.", e);
        }
        try (session) {
            Session.Command cmd = session.exec(line);
            // a hostile or runaway host may print without end: each stream keeps its first
            // MAX_OUTPUT_BYTES, and the first to reach it closes the channel, which ends the other
            AtomicBoolean cut = new AtomicBoolean();
            Runnable stop = () -> {
                cut.set(true);
                closeQuietly(cmd);
            };
            Future<byte[]> out = STREAM_READERS.submit(() -> readBounded(cmd.getInputStream(), stop, cut));
            Future<byte[]> err = STREAM_READERS.submit(() -> readBounded(cmd.getErrorStream(), stop, cut));
            if (stdin != null) {
                try (OutputStream in = cmd.getOutputStream()) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    if (!cut.get()) {
                        throw e;
                    }
                }
            } else {
                cmd.getOutputStream().close();
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            byte[] stdout = await(out, deadline, timeout);
            byte[] stderr = await(err, deadline, timeout);
            if (cut.get()) {
                return new CommandResult(cmd.getExitStatus() != null ? cmd.getExitStatus() : -1,
                        new String(stdout, StandardCharsets.UTF_8),
                        new String(stderr, StandardCharsets.UTF_8) + "\nClusterDeck: output cut at "
                                + MAX_OUTPUT_BYTES / (1024 * 1024) + " MB; the command was stopped (" + target.name()
                                + " sent more than that).");
            }
            cmd.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
            Integer status = cmd.getExitStatus();
            int exit = status != null ? status : cmd.getExitSignal() != null ? 128 + signalNumber(cmd) : -1;
            return new CommandResult(exit, new String(stdout, StandardCharsets.UTF_8),
                    new String(stderr, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new RemoteException("Running a command on " + target.name() + " failed: " + e.getMessage()
                    + ". The connection may have been cut; what ran before is unaffected.", e);
        }
    }

    private byte[] await(Future<byte[]> f, long deadline, Duration timeout) throws IOException {
        try {
            return f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new RemoteException("A command on " + target.name() + " did not finish within " + timeout.toSeconds()
                    + " s and was abandoned (it may still be running there). Raise the command's timeout if the"
                    + " host is just slow.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteException("Interrupted while waiting for a command on " + target.name() + ".", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    /**
     * Reads up to {@link #MAX_OUTPUT_BYTES}; past that runs {@code stop} and returns the head. After
     * a stop (by either stream) a read error just ends the stream: the channel was closed on purpose.
     */
    private static byte[] readBounded(InputStream in, Runnable stop, AtomicBoolean stopped) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] chunk = new byte[16 * 1024];
        try {
            for (int n; (n = in.read(chunk)) != -1; ) {
                int room = MAX_OUTPUT_BYTES - buf.size();
                if (n > room) {
                    buf.write(chunk, 0, room);
                    stop.run();
                    break;
                }
                buf.write(chunk, 0, n);
            }
        } catch (IOException e) {
            if (!stopped.get()) {
                throw e;
            }
        }
        return buf.toByteArray();
    }

    private static int signalNumber(Session.Command cmd) {
        return switch (cmd.getExitSignal()) {
            case HUP -> 1;
            case INT -> 2;
            case KILL -> 9;
            case TERM -> 15;
            default -> 0;
        };
    }

    @Override
    public void close() {
        closeQuietly(client);
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing a broken connection has nothing left to report
        }
    }
}
