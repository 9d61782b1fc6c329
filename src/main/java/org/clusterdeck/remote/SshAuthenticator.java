package org.clusterdeck.remote;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.password.PasswordFinder;
import net.schmizz.sshj.userauth.password.Resource;

/**
 * Authenticates an SSH connection with a private key (passphrase asked through
 * {@link SecretPrompt} when the key is encrypted) or, only when chosen, a password. Secrets are
 * wiped after use and never stored.
 */
final class SshAuthenticator {
    private static final int PASSPHRASE_ATTEMPTS = 3;

    private SshAuthenticator() {
    }

    static void authenticate(SSHClient client, SshTarget t, SecretPrompt prompt) {
        if (t.auth() == SshTarget.Auth.PASSWORD) {
            passwordAuth(client, t, prompt);
            return;
        }
        List<Path> keys = keysFor(t);
        List<KeyProvider> providers = new ArrayList<>();
        List<AskingFinder> finders = new ArrayList<>();
        for (Path key : keys) {
            AskingFinder finder = new AskingFinder(prompt, key.toString());
            finders.add(finder);
            try {
                providers.add(client.loadKeys(key.toString(), finder));
            } catch (IOException e) {
                throw new RemoteException("Cannot read the private key " + key + ": " + e.getMessage()
                        + ". Use an OpenSSH or PEM private key (ed25519 or RSA).", e);
            }
        }
        try {
            client.authPublickey(t.user(), providers);
        } catch (UserAuthException e) {
            for (AskingFinder f : finders) {
                if (f.cancelled) {
                    throw new RemoteException("The key " + f.path + " is protected by a passphrase and none was given,"
                            + " so ClusterDeck could not log in to " + t.display() + ".", e);
                }
                if (f.exhausted) {
                    throw new RemoteException("The passphrase for the key " + f.path + " was wrong "
                            + PASSPHRASE_ATTEMPTS + " times; login to " + t.display() + " abandoned.", e);
                }
            }
            throw new RemoteException(t.display() + " did not accept the key " + keyList(keys) + ". Add the public key ("
                    + keys.get(0) + ".pub) to ~" + t.user() + "/.ssh/authorized_keys on the host, or set the right key"
                    + " for the host in the inventory.", e);
        } catch (IOException e) {
            throw new RemoteException("Logging in to " + t.display() + " failed: " + e.getMessage(), e);
        } finally {
            finders.forEach(AskingFinder::wipe);
        }
    }

    private static void passwordAuth(SSHClient client, SshTarget t, SecretPrompt prompt) {
        char[] password = prompt.password(t);
        if (password == null) {
            throw new RemoteException("No password was given for " + t.display() + "; nothing was done.");
        }
        try {
            client.authPassword(t.user(), password);
        } catch (UserAuthException e) {
            throw new RemoteException(t.display() + " did not accept the password (or does not allow password"
                    + " logins). Check it, or use a key.", e);
        } catch (IOException e) {
            throw new RemoteException("Logging in to " + t.display() + " failed: " + e.getMessage(), e);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** The host's key, or the user's default keys the way OpenSSH looks for them. */
    static List<Path> keysFor(SshTarget t) {
        if (t.keyPath() != null) {
            if (!Files.isReadable(t.keyPath())) {
                throw new RemoteException("The private key " + t.keyPath() + " set for " + t.name()
                        + (Files.exists(t.keyPath()) ? " is not readable by this user." : " does not exist.")
                        + " Fix the key path of the host in the inventory.");
            }
            return List.of(t.keyPath());
        }
        Path ssh = Path.of(System.getProperty("user.home"), ".ssh");
        List<Path> found = new ArrayList<>();
        for (String name : List.of("id_ed25519", "id_ecdsa", "id_rsa")) {
            if (Files.isReadable(ssh.resolve(name))) {
                found.add(ssh.resolve(name));
            }
        }
        if (found.isEmpty()) {
            throw new RemoteException("No private key to log in to " + t.display() + ": the host has none set and "
                    + ssh + " has no id_ed25519 or id_rsa. Create one (ssh-keygen -t ed25519) or set the host's key.");
        }
        return found;
    }

    private static String keyList(List<Path> keys) {
        return keys.size() == 1 ? keys.get(0).toString() : keys.toString();
    }

    /** Asks for a passphrase when sshj needs one; remembers whether the person gave up. */
    private static final class AskingFinder implements PasswordFinder {
        private final SecretPrompt prompt;
        private final String path;
        private int attempts;
        private char[] last;
        private volatile boolean cancelled;
        private volatile boolean exhausted;

        AskingFinder(SecretPrompt prompt, String path) {
            this.prompt = prompt;
            this.path = path;
        }

        @Override
        public synchronized char[] reqPassword(Resource<?> resource) {
            wipe();
            attempts++;
            last = prompt.passphrase(path, attempts);
            if (last == null) {
                cancelled = true;
                return null;
            }
            return last.clone();
        }

        @Override
        public synchronized boolean shouldRetry(Resource<?> resource) {
            if (cancelled) {
                return false;
            }
            if (attempts >= PASSPHRASE_ATTEMPTS) {
                exhausted = true;
                return false;
            }
            return true;
        }

        synchronized void wipe() {
            if (last != null) {
                Arrays.fill(last, '\0');
                last = null;
            }
        }
    }
}
