package org.clusterdeck.store;

/** A problem with ClusterDeck's database, worded for the person who has to fix it. */
public class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
