package org.clusterdeck.model;

import java.time.Instant;
import java.util.List;

/**
 * One apply of kernel settings to one host: what changed, the values before, and the content of
 * the persistent file before and after ({@code fileBefore} null when the file did not exist).
 */
public record TuningChangeSet(long id, String hostName, String source, String state, String filePath,
                              boolean fileExisted, String fileBefore, String fileAfter, String message,
                              Long jobId, Instant createdAt, Instant finishedAt, List<SysctlChange> changes) {
    public static final String APPLYING = "applying";
    public static final String APPLIED = "applied";
    public static final String FAILED = "failed";
    public static final String INCOMPLETE = "incomplete";
    public static final String ROLLED_BACK = "rolled_back";

    public TuningChangeSet {
        changes = List.copyOf(changes);
    }

    /** Whether the host may still hold these changes, so a rollback has something to undo. */
    public boolean undoable() {
        return APPLIED.equals(state) || INCOMPLETE.equals(state) || APPLYING.equals(state);
    }
}
