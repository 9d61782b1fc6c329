package org.clusterdeck.job;

/**
 * What a running job sees: report progress, write log lines, and notice cancellation. Work should
 * call {@link #checkCancelled()} between steps; blocking I/O is also interrupted on cancel.
 */
public interface JobContext {
    /** Progress from 0 to 1 with a short message of what is happening now. */
    void progress(double fraction, String message);

    void log(String line);

    void warn(String line);

    boolean isCancelled();

    /** Throws {@link JobCancelledException} when the user asked to cancel. */
    default void checkCancelled() {
        if (isCancelled() || Thread.currentThread().isInterrupted()) {
            throw new JobCancelledException();
        }
    }

    long jobId();
}
