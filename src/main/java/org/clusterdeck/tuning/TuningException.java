package org.clusterdeck.tuning;

/** Tuning cannot go ahead; the message says why and what to do. */
public class TuningException extends RuntimeException {
    public TuningException(String message) {
        super(message);
    }
}
