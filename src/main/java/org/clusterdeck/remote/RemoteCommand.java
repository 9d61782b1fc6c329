package org.clusterdeck.remote;

import java.time.Duration;
import java.util.List;

/**
 * One command to run on a host, as an argument vector (never a pre-built shell line): the shell
 * sees it only through {@link ShellQuote}. With {@code sudo}, it runs as {@code sudo -n} for
 * non-root users. {@code stdin} (may be null) is written to the command's standard input, which
 * is how file contents reach a host (e.g. {@code tee FILE}).
 */
public record RemoteCommand(List<String> argv, boolean sudo, String stdin, Duration timeout) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public RemoteCommand {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    }

    public static RemoteCommand of(String... argv) {
        return new RemoteCommand(List.of(argv), false, null, null);
    }

    public static RemoteCommand sudo(String... argv) {
        return new RemoteCommand(List.of(argv), true, null, null);
    }

    public RemoteCommand withStdin(String input) {
        return new RemoteCommand(argv, sudo, input, timeout);
    }

    public RemoteCommand withTimeout(Duration t) {
        return new RemoteCommand(argv, sudo, stdin, t);
    }

    /** The shell line sent to the host: every argument quoted. */
    public String shellLine(boolean needsSudo) {
        String line = ShellQuote.join(argv);
        return needsSudo && sudo ? "sudo -n -- " + line : line;
    }
}
