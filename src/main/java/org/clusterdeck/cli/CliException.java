package org.clusterdeck.cli;

/** A command failed for a reason the user can fix; the message is printed as is. */
public class CliException extends RuntimeException {
    private final int exitCode;

    public CliException(String message) {
        this(message, Cli.FAILED);
    }

    public CliException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
