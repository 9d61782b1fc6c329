package org.clusterdeck.model;

import java.time.Instant;
import java.util.List;

/**
 * One change to one host by one feature ("tuning", "firewall" …), by whom ("gui", "cli"), when,
 * and its steps with exact before/after values. The host is kept by name: history outlives a host
 * removed from the inventory.
 */
public record ChangeSet(long id, String hostName, String feature, String title, String who, String state,
                        String message, Long jobId, Instant createdAt, Instant finishedAt, List<ChangeStep> steps) {
    public static final String APPLYING = "applying";
    public static final String APPLIED = "applied";
    public static final String FAILED = "failed";
    public static final String INCOMPLETE = "incomplete";
    public static final String ROLLED_BACK = "rolled_back";
    /** The host restored its own state because no new login succeeded after the change (guarded apply). */
    public static final String REVERTED_BY_HOST = "reverted_by_host";

    public ChangeSet {
        steps = List.copyOf(steps);
    }

    /** Whether the host may still hold these changes, so a rollback has something to undo. */
    public boolean undoable() {
        return APPLIED.equals(state) || INCOMPLETE.equals(state) || APPLYING.equals(state);
    }
}
