package org.clusterdeck.tuning;

/** One line of the preview: key, current value on the host, proposed value, and why. */
public record PlanRow(String key, String current, String proposed, String why, Risk risk) {
    /** Whether applying changes the running kernel (values already equal are only persisted). */
    public boolean changes() {
        return current == null || !current.equals(proposed);
    }
}
