package org.clusterdeck.remote;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.userauth.keyprovider.OpenSSHKeyFile;
import net.schmizz.sshj.userauth.password.PasswordUtils;
import org.clusterdeck.testing.RealParts;

/** Client keys made by the real ssh-keygen, as a user would make them. */
final class TestKeys {
    private TestKeys() {
    }

    static boolean sshKeygenAvailable() {
        return Files.isExecutable(Path.of("/usr/bin/ssh-keygen"));
    }

    static void assumeSshKeygen() {
        RealParts.require(sshKeygenAvailable(), "/usr/bin/ssh-keygen missing (install openssh-client)");
    }

    /** Generates a key of the type ("ed25519", "rsa") with the passphrase ("" for none). */
    static Path generate(Path dir, String name, String type, String passphrase) throws Exception {
        Path key = dir.resolve(name);
        Process p = new ProcessBuilder("/usr/bin/ssh-keygen", "-q", "-t", type, "-N", passphrase, "-C", "test",
                "-f", key.toString()).redirectErrorStream(true).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("ssh-keygen failed: " + new String(p.getInputStream().readAllBytes()));
        }
        return key;
    }

    static PublicKey publicKey(Path privateKey, String passphrase) throws Exception {
        OpenSSHKeyFile f = new OpenSSHKeyFile();
        if (passphrase.isEmpty()) {
            f.init(privateKey.toFile());
        } else {
            f.init(privateKey.toFile(), PasswordUtils.createOneOff(passphrase.toCharArray()));
        }
        return f.getPublic();
    }
}
