package org.clusterdeck.model;

import java.time.Instant;

/** One line of a job's log. Level is INFO, WARN or ERROR. */
public record JobLogLine(long jobId, Instant time, String level, String line) {
}
