package org.clusterdeck.job;

/** The body of a job. Its result becomes the job's result; any exception fails the job. */
@FunctionalInterface
public interface JobWork<T> {
    T run(JobContext context) throws Exception;
}
