package org.clusterdeck.remote;

/**
 * Asks the person for a key passphrase or a password when one is needed. The answer is used once
 * and wiped; ClusterDeck never stores it. Returning null means the person cancelled.
 */
public interface SecretPrompt {
    /** The passphrase of an encrypted private key; {@code attempt} starts at 1. */
    char[] passphrase(String keyPath, int attempt);

    /** The account password, asked only when the user chose password authentication. */
    char[] password(SshTarget target);

    /** For batch work where nobody can answer: every question is cancelled. */
    SecretPrompt NONE = new SecretPrompt() {
        @Override
        public char[] passphrase(String keyPath, int attempt) {
            return null;
        }

        @Override
        public char[] password(SshTarget target) {
            return null;
        }
    };
}
