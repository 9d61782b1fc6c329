package org.clusterdeck.lab;

/** The local lab could not be created, inspected or removed; the message says why and what to do. */
public class LabException extends RuntimeException {
    public LabException(String message) {
        super(message);
    }

    public LabException(String message, Throwable cause) {
        super(message, cause);
    }
}
