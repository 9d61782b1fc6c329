package org.clusterdeck.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.schmizz.sshj.common.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sshj client against an in-process SSH server on 127.0.0.1: host keys, auth, commands. */
class SshShellTest {
    @TempDir
    Path dir;
    private InProcessSshServer server;
    private KnownHosts knownHosts;
    private Path key;

    @BeforeEach
    void start() throws Exception {
        TestKeys.assumeSshKeygen();
        server = new InProcessSshServer(dir.resolve("hostkey.ser"));
        key = TestKeys.generate(dir, "id_ed25519", "ed25519", "");
        server.allowKey(TestKeys.publicKey(key, ""));
        knownHosts = new KnownHosts(dir.resolve("own_known_hosts"), dir.resolve("user_known_hosts"));
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private SshTarget target() {
        return new SshTarget("test1", "127.0.0.1", server.port(), "tester", key, SshTarget.Auth.KEY);
    }

    private SshShell connect(HostKeyDecision decision) {
        return SshShell.connect(target(), knownHosts, decision, SecretPrompt.NONE, SshOptions.DEFAULTS);
    }

    @Test
    void trustOnFirstUseShowsFingerprintAndRemembersTheKey() {
        List<UnknownHostKey> asked = new ArrayList<>();
        try (SshShell sh = connect(k -> asked.add(k))) {
            assertThat(sh.run(RemoteCommand.of("echo", "hi")).stdout()).isEqualTo("hi\n");
        }
        assertThat(asked).hasSize(1);
        assertThat(asked.get(0).fingerprint()).isEqualTo(KnownHosts.fingerprint(server.hostKey())).startsWith("SHA256:");
        assertThat(asked.get(0).keyType()).startsWith("ecdsa-sha2-");
        try (SshShell sh = connect(k -> {
            throw new AssertionError("a known key must not be asked about again");
        })) {
            assertThat(sh.run(RemoteCommand.of("true")).ok()).isTrue();
        }
    }

    @Test
    void connectFailsOnUnknownHostKeyWhenNotConfirmed() throws Exception {
        assertThatThrownBy(() -> connect(HostKeyDecision.REJECT))
                .isInstanceOf(HostKeyRejectedException.class)
                .hasMessageContaining(KnownHosts.fingerprint(server.hostKey()))
                .hasMessageContaining("--accept-new-host-key");
        assertThat(server.receivedLines).isEmpty();
        assertThat(Files.exists(knownHosts.ownFile())).isFalse();
    }

    @Test
    void acceptNewHostKeyTrustsOnlyTheMatchingFingerprint() {
        assertThatThrownBy(() -> connect(HostKeyDecision.acceptFingerprint("SHA256:AAAAnotTheRightOne")))
                .isInstanceOf(HostKeyRejectedException.class);
        String fp = KnownHosts.fingerprint(server.hostKey());
        try (SshShell sh = connect(HostKeyDecision.acceptFingerprint(fp.substring("SHA256:".length())))) {
            assertThat(sh.hostKeyFingerprint()).isEqualTo(fp);
        }
    }

    @Test
    void connectRefusesChangedHostKeyAndExplainsWhy() throws Exception {
        String type = KnownHosts.keyType(server.hostKey());
        var other = java.security.KeyPairGenerator.getInstance("EC");
        other.initialize(256);
        String otherBlob = Base64.getEncoder().encodeToString(
                new Buffer.PlainBuffer().putPublicKey(other.generateKeyPair().getPublic()).getCompactData());
        Files.writeString(knownHosts.ownFile(), "[127.0.0.1]:" + server.port() + " " + type + " " + otherBlob + "\n");
        AtomicInteger asked = new AtomicInteger();
        assertThatThrownBy(() -> connect(k -> asked.incrementAndGet() >= 0))
                .isInstanceOf(HostKeyChangedException.class)
                .hasMessageContaining("CHANGED")
                .hasMessageContaining("re-installed")
                .hasMessageContaining("man-in-the-middle")
                .hasMessageContaining("clusterdeck ssh forget-key test1");
        assertThat(asked).hasValue(0);
        assertThat(server.receivedLines).isEmpty();
    }

    @Test
    void keyOfADifferentTypeIsRefusedShowingTheRecordedKeyNeverAsked() throws Exception {
        var rsa = java.security.KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        java.security.PublicKey recorded = rsa.generateKeyPair().getPublic();
        assertThat(KnownHosts.keyType(server.hostKey())).as("the server offers another type").isNotEqualTo("ssh-rsa");
        Files.writeString(knownHosts.ownFile(), "[127.0.0.1]:" + server.port() + " ssh-rsa " + Base64.getEncoder()
                .encodeToString(new Buffer.PlainBuffer().putPublicKey(recorded).getCompactData()) + "\n");
        AtomicInteger asked = new AtomicInteger();
        assertThatThrownBy(() -> connect(k -> asked.incrementAndGet() >= 0))
                .isInstanceOf(HostKeyChangedException.class)
                .hasMessageContaining("CHANGED")
                .hasMessageContaining("records ssh-rsa " + KnownHosts.fingerprint(recorded))
                .hasMessageContaining("presents a " + KnownHosts.keyType(server.hostKey()) + " key "
                        + KnownHosts.fingerprint(server.hostKey()))
                .hasMessageContaining("different type");
        assertThat(asked).as("never a first-use prompt").hasValue(0);
        assertThat(server.receivedLines).isEmpty();
    }

    @Test
    void keyInTheUsersKnownHostsIsTrustedWithoutAsking() throws Exception {
        Files.writeString(dir.resolve("user_known_hosts"), "[127.0.0.1]:" + server.port() + " "
                + KnownHosts.keyType(server.hostKey()) + " " + Base64.getEncoder().encodeToString(
                new Buffer.PlainBuffer().putPublicKey(server.hostKey()).getCompactData()) + "\n");
        try (SshShell sh = connect(HostKeyDecision.REJECT)) {
            assertThat(sh.isConnected()).isTrue();
        }
    }

    @Test
    void hostileArgumentsArriveLiterallyOverSsh() {
        List<String> hostile = ShellQuoteTest.hostile().toList();
        List<String> argv = new ArrayList<>(List.of("printf", "%s\\0"));
        argv.addAll(hostile);
        StringBuilder expected = new StringBuilder();
        hostile.forEach(a -> expected.append(a).append('\0'));
        try (SshShell sh = connect(k -> true)) {
            CommandResult r = sh.run(new RemoteCommand(argv, false, null, null));
            assertThat(r.ok()).isTrue();
            assertThat(r.stdout()).isEqualTo(expected.toString());
            assertThat(sh.run(RemoteCommand.of("cat").withStdin("line 1\n$(not run)\n")).stdout())
                    .isEqualTo("line 1\n$(not run)\n");
        }
    }

    @Test
    void nonZeroExitIsAResultWithStderr() {
        try (SshShell sh = connect(k -> true)) {
            CommandResult r = sh.run(RemoteCommand.of("ls", "/definitely/not/here"));
            assertThat(r.exitCode()).isNotZero();
            assertThat(r.stderr()).contains("/definitely/not/here");
        }
    }

    @Test
    void commandTimeoutIsReportedClearly() {
        try (SshShell sh = connect(k -> true)) {
            assertThatThrownBy(() -> sh.run(RemoteCommand.of("sleep", "5").withTimeout(Duration.ofMillis(500))))
                    .isInstanceOf(RemoteException.class).hasMessageContaining("did not finish within");
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"yes | head -c 100M", "yes", "yes >&2"})
    void endlessOutputIsCutAtTheBoundAndTheCommandStopped(String script) {
        try (SshShell sh = connect(k -> true)) {
            CommandResult r = sh.run(RemoteCommand.of("sh", "-c", script).withTimeout(Duration.ofSeconds(120)));
            String flooded = script.endsWith(">&2") ? r.stderr() : r.stdout();
            assertThat(flooded.length()).as("the head is kept, up to the bound")
                    .isBetween(SshShell.MAX_OUTPUT_BYTES - 16, SshShell.MAX_OUTPUT_BYTES + 200);
            assertThat(flooded).startsWith("y\ny\ny\n");
            assertThat(r.stderr()).endsWith("output cut at 4 MB; the command was stopped (test1 sent more than that).");
            assertThat(r.ok()).as("a cut command is not a success").isFalse();
            assertThat(sh.run(RemoteCommand.of("echo", "still here")).stdout()).as("the connection survives")
                    .isEqualTo("still here\n");
        }
    }

    @Test
    void outputUpToTheBoundIsKeptWhole() {
        try (SshShell sh = connect(k -> true)) {
            CommandResult r = sh.run(RemoteCommand.of("sh", "-c", "head -c 3000000 /dev/zero | tr '\\0' x"));
            assertThat(r.ok()).isTrue();
            assertThat(r.stdout()).hasSize(3_000_000);
            assertThat(r.stderr()).isEmpty();
        }
    }

    @Test
    void encryptedKeyAsksForThePassphrase() throws Exception {
        Path locked = TestKeys.generate(dir, "id_locked", "ed25519", "correct horse");
        server.allowKey(TestKeys.publicKey(locked, "correct horse"));
        List<Integer> attempts = new ArrayList<>();
        SecretPrompt prompt = new SecretPrompt() {
            @Override
            public char[] passphrase(String keyPath, int attempt) {
                attempts.add(attempt);
                return (attempt == 1 ? "wrong" : "correct horse").toCharArray();
            }

            @Override
            public char[] password(SshTarget t) {
                throw new AssertionError("password auth was not chosen");
            }
        };
        SshTarget t = new SshTarget("test1", "127.0.0.1", server.port(), "tester", locked, SshTarget.Auth.KEY);
        try (SshShell sh = SshShell.connect(t, knownHosts, k -> true, prompt, SshOptions.DEFAULTS)) {
            assertThat(sh.run(RemoteCommand.of("true")).ok()).isTrue();
        }
        assertThat(attempts).contains(1, 2);
    }

    @Test
    void cancelledPassphraseFailsWithAClearMessage() throws Exception {
        Path locked = TestKeys.generate(dir, "id_locked2", "rsa", "pw");
        server.allowKey(TestKeys.publicKey(locked, "pw"));
        SshTarget t = new SshTarget("test1", "127.0.0.1", server.port(), "tester", locked, SshTarget.Auth.KEY);
        assertThatThrownBy(() -> SshShell.connect(t, knownHosts, k -> true, SecretPrompt.NONE, SshOptions.DEFAULTS))
                .isInstanceOf(RemoteException.class).hasMessageContaining("passphrase");
    }

    @Test
    void passwordIsUsedOnlyWhenChosen() {
        server.allowPassword("s3cret");
        AtomicInteger asked = new AtomicInteger();
        SecretPrompt prompt = new SecretPrompt() {
            @Override
            public char[] passphrase(String keyPath, int attempt) {
                return null;
            }

            @Override
            public char[] password(SshTarget t) {
                asked.incrementAndGet();
                return "s3cret".toCharArray();
            }
        };
        try (SshShell sh = SshShell.connect(target(), knownHosts, k -> true, prompt, SshOptions.DEFAULTS)) {
            assertThat(sh.isConnected()).isTrue();
        }
        assertThat(asked).hasValue(0);
        try (SshShell sh = SshShell.connect(target().withPasswordAuth(), knownHosts, k -> true, prompt, SshOptions.DEFAULTS)) {
            assertThat(sh.isConnected()).isTrue();
        }
        assertThat(asked).hasValue(1);
    }

    @Test
    void wrongKeyIsRefusedWithTheFix() throws Exception {
        Path other = TestKeys.generate(dir, "id_other", "ed25519", "");
        SshTarget t = new SshTarget("test1", "127.0.0.1", server.port(), "tester", other, SshTarget.Auth.KEY);
        assertThatThrownBy(() -> SshShell.connect(t, knownHosts, k -> true, SecretPrompt.NONE, SshOptions.DEFAULTS))
                .isInstanceOf(RemoteException.class)
                .hasMessageContaining("did not accept the key")
                .hasMessageContaining("authorized_keys");
    }

    @Test
    void missingKeyFileIsNamed() {
        SshTarget t = new SshTarget("test1", "127.0.0.1", server.port(), "tester", dir.resolve("nope"), SshTarget.Auth.KEY);
        assertThatThrownBy(() -> SshShell.connect(t, knownHosts, k -> true, SecretPrompt.NONE, SshOptions.DEFAULTS))
                .hasMessageContaining(dir.resolve("nope").toString()).hasMessageContaining("does not exist");
    }

    @Test
    void unreachablePortSaysConnectionRefused() throws Exception {
        int freePort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            freePort = s.getLocalPort();
        }
        SshTarget t = new SshTarget("gone", "127.0.0.1", freePort, "tester", key, SshTarget.Auth.KEY);
        assertThatThrownBy(() -> SshShell.connect(t, knownHosts, k -> true, SecretPrompt.NONE, SshOptions.DEFAULTS))
                .isInstanceOf(RemoteException.class)
                .hasMessageContaining("connection refused")
                .hasMessageContaining("sshd");
    }

    @Test
    void keepAliveRunsForEveryConnection() {
        try (SshShell sh = connect(k -> true)) {
            assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                    .anyMatch(n -> n.toLowerCase(java.util.Locale.ROOT).contains("keep-alive")
                            || n.toLowerCase(java.util.Locale.ROOT).contains("keepalive"));
        }
    }

    @Test
    void pooledShellReconnectsWhenTheConnectionDroppedBetweenCommands() throws Exception {
        try (RemoteSessions pool = new RemoteSessions(knownHosts, k -> true, SecretPrompt.NONE, SshOptions.DEFAULTS)) {
            RemoteShell sh = pool.shell(target());
            assertThat(sh.run(RemoteCommand.of("echo", "one")).stdout()).isEqualTo("one\n");
            int port = server.port();
            server.close();
            server = new InProcessSshServer(dir.resolve("hostkey.ser"), port);
            server.allowKey(TestKeys.publicKey(key, ""));
            long deadline = System.currentTimeMillis() + 5000;
            while (pool.openConnections() > 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertThat(sh.run(RemoteCommand.of("echo", "two")).stdout()).isEqualTo("two\n");
        }
    }

    @Test
    void poolReusesOneConnectionPerHostAndReconnectsAfterEviction() {
        try (RemoteSessions pool = new RemoteSessions(knownHosts, k -> true, SecretPrompt.NONE, SshOptions.DEFAULTS)) {
            try (RemoteShell a = pool.shell(target()); RemoteShell b = pool.shell(target())) {
                assertThat(a.run(RemoteCommand.of("true")).ok()).isTrue();
                assertThat(b.run(RemoteCommand.of("true")).ok()).isTrue();
            }
            assertThat(pool.openConnections()).isEqualTo(1);
            pool.evict(target());
            assertThat(pool.openConnections()).isZero();
            try (RemoteShell c = pool.shell(target())) {
                assertThat(c.run(RemoteCommand.of("echo", "again")).stdout()).isEqualTo("again\n");
            }
        }
    }
}
