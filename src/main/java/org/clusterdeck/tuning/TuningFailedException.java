package org.clusterdeck.tuning;

/** An apply or rollback did not succeed; the job fails with this, and {@link #result()} says what happened per key. */
public class TuningFailedException extends TuningException {
    private final transient TuningResult result;

    public TuningFailedException(TuningResult result) {
        super(result.message());
        this.result = result;
    }

    public TuningResult result() {
        return result;
    }
}
