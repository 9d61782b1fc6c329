package org.clusterdeck.remote;

/** The host's key was unknown and nobody confirmed it: the connection was refused. */
public class HostKeyRejectedException extends RemoteException {
    private final UnknownHostKey key;

    public HostKeyRejectedException(String message, UnknownHostKey key) {
        super(message);
        this.key = key;
    }

    public UnknownHostKey key() {
        return key;
    }
}
