package org.clusterdeck.remote;

/**
 * Runs commands on one host. The SSH implementation (sshj) is the real one; every feature that
 * changes a host (tuning, hardening, load balancer) works against this interface.
 */
public interface RemoteShell extends AutoCloseable {
    /** The inventory name of the host, for logs and audit events. */
    String hostName();

    /** Runs the command and waits for it; a non-zero exit is a result, not an exception. */
    CommandResult run(RemoteCommand command);

    @Override
    void close();
}
