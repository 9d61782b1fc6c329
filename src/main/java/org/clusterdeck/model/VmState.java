package org.clusterdeck.model;

import java.util.Locale;

/** Run state of a VM as ClusterDeck last saw it. */
public enum VmState {
    RUNNING, STOPPED, PAUSED, UNKNOWN;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static VmState fromDb(String value) {
        try {
            return valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
    }
}
