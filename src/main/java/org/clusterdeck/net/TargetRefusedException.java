package org.clusterdeck.net;

/** ClusterDeck will not send traffic to this target; the message says why and what to use instead. */
public final class TargetRefusedException extends RuntimeException {
    public TargetRefusedException(String message) {
        super(message);
    }

    public TargetRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
