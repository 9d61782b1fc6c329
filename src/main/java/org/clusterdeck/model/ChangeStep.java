package org.clusterdeck.model;

/**
 * One step of a change set with its exact before and after, so that rollback restores exactly and
 * history shows a diff. {@code existedBefore} false means there was nothing (a file that did not
 * exist): rollback removes it. {@code seq} orders the steps of a set (rollback runs them backwards).
 */
public record ChangeStep(int seq, StepKind kind, String target, boolean existedBefore, String before, String after,
                         String state) {
    public static final String PENDING = "pending";
    public static final String APPLIED = "applied";
    public static final String FAILED = "failed";
    public static final String ROLLED_BACK = "rolled_back";

    public ChangeStep {
        if (kind == null || target == null || state == null) {
            throw new IllegalArgumentException("a change step needs a kind, a target and a state");
        }
    }

    public ChangeStep withState(String newState) {
        return new ChangeStep(seq, kind, target, existedBefore, before, after, newState);
    }

    /** Whether applying it changes anything (a file written with its own content does not). */
    public boolean changes() {
        return !existedBefore || before == null ? after != null : !before.equals(after);
    }
}
