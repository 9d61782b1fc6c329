package org.clusterdeck.tuning;

import java.util.List;

/** The result of an apply, dry run or rollback on one host, precise per key. */
public record TuningResult(String hostName, Outcome outcome, List<KeyOutcome> keys, List<String> commands,
                           String message, Long changeSetId) {
    /** How it ended. */
    public enum Outcome {
        APPLIED, DRY_RUN, NOTHING_TO_DO, FAILED_ROLLED_BACK, FAILED_NEEDS_ROLLBACK, ROLLED_BACK, REFUSED;

        public boolean failed() {
            return this == FAILED_ROLLED_BACK || this == FAILED_NEEDS_ROLLBACK || this == REFUSED;
        }
    }

    public TuningResult {
        keys = List.copyOf(keys);
        commands = List.copyOf(commands);
    }

    public boolean ok() {
        return !outcome.failed();
    }
}
