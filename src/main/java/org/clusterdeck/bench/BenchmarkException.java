package org.clusterdeck.bench;

/** A benchmark cannot start or was refused; the message says what to fix. */
public class BenchmarkException extends RuntimeException {
    public BenchmarkException(String message) {
        super(message);
    }

    public BenchmarkException(String message, Throwable cause) {
        super(message, cause);
    }
}
