package org.clusterdeck.job;

/** Thrown inside a job when its cancellation was requested. */
public class JobCancelledException extends RuntimeException {
    public JobCancelledException() {
        super("Cancelled on request.");
    }
}
