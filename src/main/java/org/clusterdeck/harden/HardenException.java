package org.clusterdeck.harden;

/** A hardening plan or run that cannot go on; the message says why and what to do. */
public class HardenException extends RuntimeException {
    public HardenException(String message) {
        super(message);
    }

    public HardenException(String message, Throwable cause) {
        super(message, cause);
    }
}
