package org.clusterdeck.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.schmizz.sshj.common.Buffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Known-hosts decisions on real files: unknown, known, changed; own file and ~/.ssh/known_hosts. */
class KnownHostsTest {
    @TempDir
    Path dir;
    private KnownHosts knownHosts;
    private PublicKey key;
    private PublicKey otherKey;

    @BeforeEach
    void setUp() throws Exception {
        knownHosts = new KnownHosts(dir.resolve("own"), dir.resolve("user"));
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(256);
        key = gen.generateKeyPair().getPublic();
        otherKey = gen.generateKeyPair().getPublic();
    }

    private static String blob(PublicKey k) {
        return Base64.getEncoder().encodeToString(new Buffer.PlainBuffer().putPublicKey(k).getCompactData());
    }

    @Test
    void keyNeverSeenIsUnknown() {
        assertThat(knownHosts.check("10.0.0.5", 22, key).status()).isEqualTo(KnownHosts.Status.UNKNOWN);
    }

    @Test
    void trustedKeyIsKnownOnlyForThatAddressAndPort() {
        knownHosts.trust("10.0.0.5", 2222, key);
        assertThat(knownHosts.check("10.0.0.5", 2222, key).status()).isEqualTo(KnownHosts.Status.KNOWN);
        assertThat(knownHosts.check("10.0.0.5", 22, key).status()).isEqualTo(KnownHosts.Status.UNKNOWN);
        assertThat(knownHosts.check("10.0.0.6", 2222, key).status()).isEqualTo(KnownHosts.Status.UNKNOWN);
    }

    @Test
    void differentKeyOfTheSameTypeIsChangedAndNamesTheFile() {
        knownHosts.trust("web1.example", 22, key);
        KnownHosts.Verdict v = knownHosts.check("web1.example", 22, otherKey);
        assertThat(v.status()).isEqualTo(KnownHosts.Status.CHANGED);
        assertThat(v.conflictingFile()).isEqualTo(dir.resolve("own"));
    }

    @Test
    void keyOfADifferentTypeForAKnownHostIsAConflictShowingTheRecordedKey() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        PublicKey rsaKey = rsa.generateKeyPair().getPublic();
        knownHosts.trust("web1.example", 2222, key);
        KnownHosts.Verdict v = knownHosts.check("web1.example", 2222, rsaKey);
        assertThat(v.status()).as("not a first-use prompt").isEqualTo(KnownHosts.Status.CHANGED);
        assertThat(v.conflictingFile()).isEqualTo(dir.resolve("own"));
        assertThat(v.recordedKey()).isEqualTo(KnownHosts.keyType(key) + " " + KnownHosts.fingerprint(key));
        assertThat(knownHosts.check("web1.example", 22, rsaKey).status()).as("another port is another host")
                .isEqualTo(KnownHosts.Status.UNKNOWN);
        knownHosts.trust("web1.example", 2222, rsaKey); // both types on record (e.g. confirmed on the console)
        assertThat(knownHosts.check("web1.example", 2222, rsaKey).status()).isEqualTo(KnownHosts.Status.KNOWN);
        assertThat(knownHosts.check("web1.example", 2222, key).status()).isEqualTo(KnownHosts.Status.KNOWN);
    }

    @Test
    void usersKnownHostsCountsIncludingHashedEntries() throws Exception {
        byte[] salt = new byte[20];
        new java.security.SecureRandom().nextBytes(salt);
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(salt, "HmacSHA1"));
        String hashed = "|1|" + Base64.getEncoder().encodeToString(salt) + "|"
                + Base64.getEncoder().encodeToString(mac.doFinal("db1.example".getBytes()));
        Files.writeString(dir.resolve("user"), "# comment\n" + hashed + " " + KnownHosts.keyType(key) + " " + blob(key) + "\n");
        assertThat(knownHosts.check("db1.example", 22, key).status()).isEqualTo(KnownHosts.Status.KNOWN);
        assertThat(knownHosts.check("db1.example", 22, otherKey).status()).isEqualTo(KnownHosts.Status.CHANGED);
        assertThat(knownHosts.knownAlgorithms("db1.example", 22)).containsExactly(KnownHosts.keyType(key));
    }

    @Test
    void forgetRemovesOnlyThatHostFromTheOwnFile() throws Exception {
        knownHosts.trust("10.0.0.5", 22, key);
        knownHosts.trust("10.0.0.6", 22, otherKey);
        assertThat(knownHosts.forget("10.0.0.5", 22)).isEqualTo(1);
        assertThat(knownHosts.check("10.0.0.5", 22, key).status()).isEqualTo(KnownHosts.Status.UNKNOWN);
        assertThat(knownHosts.check("10.0.0.6", 22, otherKey).status()).isEqualTo(KnownHosts.Status.KNOWN);
        assertThat(Files.getPosixFilePermissions(dir.resolve("own"))).containsExactlyInAnyOrder(
                java.nio.file.attribute.PosixFilePermission.OWNER_READ, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void fingerprintMatchesOpenSshFormat() throws Exception {
        TestKeys.assumeSshKeygen();
        Path k = TestKeys.generate(dir, "fp", "ed25519", "");
        Process p = new ProcessBuilder("/usr/bin/ssh-keygen", "-l", "-E", "sha256", "-f", k + ".pub").start();
        String expected = new String(p.getInputStream().readAllBytes()).split("\\s+")[1];
        assertThat(KnownHosts.fingerprint(TestKeys.publicKey(k, ""))).isEqualTo(expected);
    }

    @Test
    void acceptFingerprintIgnoresPrefixAndPadding() {
        UnknownHostKey k = new UnknownHostKey("h", "a", 22, "ssh-ed25519", "SHA256:abcDEF123");
        assertThat(HostKeyDecision.acceptFingerprint("abcDEF123").trust(k)).isTrue();
        assertThat(HostKeyDecision.acceptFingerprint("SHA256:abcDEF123=").trust(k)).isTrue();
        assertThat(HostKeyDecision.acceptFingerprint("sha256:abcdef123").trust(k)).isFalse();
        assertThat(HostKeyDecision.acceptFingerprint(" ").trust(k)).isFalse();
    }
}
