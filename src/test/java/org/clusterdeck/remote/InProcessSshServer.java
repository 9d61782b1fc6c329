package org.clusterdeck.remote;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;

/**
 * Apache MINA SSHD in this JVM on 127.0.0.1 (random port) for fast tests of the client: it runs
 * each command with {@code /bin/sh -c} on this machine, so quoting is tested against a real shell.
 */
final class InProcessSshServer implements AutoCloseable {
    private final SshServer server;
    final List<String> receivedLines = new CopyOnWriteArrayList<>();
    private volatile PublicKey allowedKey;
    private volatile String password;

    InProcessSshServer(Path hostKeyFile) throws IOException {
        this(hostKeyFile, 0);
    }

    /** On a given port (0: any free one); the same host key file gives the same host key. */
    InProcessSshServer(Path hostKeyFile, int port) throws IOException {
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(port);
        SimpleGeneratorHostKeyProvider keys = new SimpleGeneratorHostKeyProvider(hostKeyFile);
        keys.setAlgorithm(KeyUtils.EC_ALGORITHM);
        server.setKeyPairProvider(keys);
        server.setPublickeyAuthenticator((user, key, session) -> allowedKey != null && KeyUtils.compareKeys(key, allowedKey));
        server.setPasswordAuthenticator((user, pw, session) -> password != null && password.equals(pw));
        server.setCommandFactory((channel, line) -> {
            receivedLines.add(line);
            return new ShCommand(line);
        });
        server.start();
    }

    void allowKey(PublicKey key) {
        this.allowedKey = key;
    }

    void allowPassword(String pw) {
        this.password = pw;
    }

    int port() {
        return server.getPort();
    }

    PublicKey hostKey() {
        KeyPairProvider p = server.getKeyPairProvider();
        try {
            return p.loadKeys(null).iterator().next().getPublic();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }

    /** Runs the line with /bin/sh -c, streams wired to the channel. */
    private static final class ShCommand implements Command {
        private final String line;
        private InputStream in;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;
        private Process process;

        ShCommand(String line) {
            this.line = line;
        }

        @Override
        public void setInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {
            this.err = err;
        }

        @Override
        public void setExitCallback(ExitCallback callback) {
            this.exit = callback;
        }

        @Override
        public void start(ChannelSession channel, Environment env) throws IOException {
            process = new ProcessBuilder("/bin/sh", "-c", line).start();
            Thread pump = new Thread(() -> {
                try {
                    Thread stdin = new Thread(() -> copyQuietly(in, process.getOutputStream(), true));
                    stdin.setDaemon(true);
                    stdin.start();
                    Thread stderr = new Thread(() -> copyQuietly(process.getErrorStream(), err, false));
                    stderr.start();
                    copyQuietly(process.getInputStream(), out, false);
                    stderr.join();
                    int code = process.waitFor();
                    out.flush();
                    err.flush();
                    exit.onExit(code);
                } catch (Exception e) {
                    exit.onExit(255, e.toString());
                }
            }, "test-sshd-command");
            pump.setDaemon(true);
            pump.start();
        }

        private static void copyQuietly(InputStream from, OutputStream to, boolean closeTo) {
            try {
                from.transferTo(to);
                to.flush();
                if (closeTo) {
                    to.close();
                }
            } catch (IOException ignored) {
                // the other side went away; the exit code tells the story
            }
        }

        @Override
        public void destroy(ChannelSession channel) {
            if (process != null) {
                process.destroyForcibly();
            }
        }
    }
}
