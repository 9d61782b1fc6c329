package org.clusterdeck.virt;

import org.clusterdeck.model.VmState;

/** A domain's state as libvirt reports it, with the coarser state ClusterDeck stores. */
public enum RunState {
    NOSTATE, RUNNING, BLOCKED, PAUSED, SHUTDOWN, SHUTOFF, CRASHED, PMSUSPENDED;

    /** The test driver's {@code <test:runstate>} number, which is libvirt's virDomainState. */
    public int code() {
        return ordinal();
    }

    public static RunState fromCode(int code) {
        return code >= 0 && code < values().length ? values()[code] : NOSTATE;
    }

    public VmState toVmState() {
        return switch (this) {
            case RUNNING, BLOCKED, SHUTDOWN -> VmState.RUNNING;
            case PAUSED, PMSUSPENDED -> VmState.PAUSED;
            case SHUTOFF, CRASHED -> VmState.STOPPED;
            case NOSTATE -> VmState.UNKNOWN;
        };
    }

    public static RunState fromVmState(VmState s) {
        return switch (s) {
            case RUNNING -> RUNNING;
            case PAUSED -> PAUSED;
            case STOPPED, UNKNOWN -> SHUTOFF;
        };
    }
}
