package org.clusterdeck.remote;

/** A host could not be reached or refused us; the message says what to do about it. */
public class RemoteException extends RuntimeException {
    public RemoteException(String message) {
        super(message);
    }

    public RemoteException(String message, Throwable cause) {
        super(message, cause);
    }
}
