package org.clusterdeck.remote;

/** What a command printed and how it exited. */
public record CommandResult(int exitCode, String stdout, String stderr) {
    public boolean ok() {
        return exitCode == 0;
    }
}
