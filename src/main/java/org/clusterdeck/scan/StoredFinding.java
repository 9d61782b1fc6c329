package org.clusterdeck.scan;

import java.time.Instant;

/**
 * A finding as stored: its identity ({@code id}, the same across runs of one target and scanner),
 * the run whose text this is ({@code scanId}), {@code host} (the host part of the target, what the
 * diagram badges by), the finding as that run saw it, its state with the reason given for
 * ACCEPTED/FALSE_POSITIVE, and for FIXED the run that no longer saw it and the change set that
 * fixed it (when a rescan after that change proved it).
 */
public record StoredFinding(long id, long scanId, String target, String host, ScanKind kind, Finding finding,
        FindingState state, String reason, Long fixedByChangeSet, Long fixedInScan, Instant firstSeen, Instant updatedAt) {
}
