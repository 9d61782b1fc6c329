package org.clusterdeck.cli;

import java.io.Console;
import org.clusterdeck.remote.SecretPrompt;
import org.clusterdeck.remote.SshTarget;

/** Asks for passphrases and passwords on the terminal (not echoed); without a terminal, it declines. */
final class ConsolePrompt implements SecretPrompt {
    @Override
    public char[] passphrase(String keyPath, int attempt) {
        Console c = System.console();
        return c == null ? null : c.readPassword("Passphrase for %s%s: ", keyPath, attempt > 1 ? " (try " + attempt + ")" : "");
    }

    @Override
    public char[] password(SshTarget target) {
        Console c = System.console();
        return c == null ? null : c.readPassword("Password for %s: ", target.display());
    }
}
