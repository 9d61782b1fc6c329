package org.clusterdeck.job;

import org.clusterdeck.model.JobState;

/** Told about every job's changes, on the job's own thread. The UI adapter is one. */
public interface JobListener {
    default void stateChanged(Job<?> job, JobState state) {
    }

    default void progressChanged(Job<?> job, double fraction, String message) {
    }

    default void logged(Job<?> job, String level, String line) {
    }
}
