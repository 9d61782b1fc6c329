package org.clusterdeck.model;

import java.time.Instant;

/** Who changed what, when, with the value before and after (for review and rollback). */
public record AuditEvent(
        long id,
        Instant time,
        String actor,
        String action,
        String targetKind,
        String targetName,
        String before,
        String after,
        Long jobId) {
}
