package org.clusterdeck.change;

/** A change that cannot be made or undone, with a sentence saying why and what to do. */
public class ChangeException extends RuntimeException {
    public ChangeException(String message) {
        super(message);
    }

    public ChangeException(String message, Throwable cause) {
        super(message, cause);
    }
}
