package org.clusterdeck.model;

import java.time.Instant;

/** A job as stored: what ran, against what, how it ended. */
public record JobRecord(
        long id,
        String name,
        String target,
        JobState state,
        double progress,
        String message,
        String error,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt) {
}
