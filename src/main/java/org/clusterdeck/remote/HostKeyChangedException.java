package org.clusterdeck.remote;

/** The host presented a key other than the one on record: the connection was refused. */
public class HostKeyChangedException extends RemoteException {
    public HostKeyChangedException(String message) {
        super(message);
    }
}
