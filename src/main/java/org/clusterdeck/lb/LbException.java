package org.clusterdeck.lb;

/** A load-balancer configuration that cannot be generated, imported or deployed, with what to do about it. */
public final class LbException extends RuntimeException {
    public LbException(String message) {
        super(message);
    }

    public LbException(String message, Throwable cause) {
        super(message, cause);
    }
}
