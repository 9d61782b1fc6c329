package org.clusterdeck.scan;

import java.util.Locale;

/**
 * Where a finding stands: OPEN until a run no longer reports it (FIXED) or someone decides it
 * needs no fix (ACCEPTED, with a reason shown in reports) or is wrong (FALSE_POSITIVE, with a reason).
 * A rerun keeps ACCEPTED and FALSE_POSITIVE; a FIXED finding that is reported again is OPEN again.
 */
public enum FindingState {
    OPEN, FIXED, ACCEPTED, FALSE_POSITIVE;

    /** "open", "fixed", "accepted", "false-positive": as the CLI and reports show it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    static FindingState fromDb(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
