package org.clusterdeck.topology;

import org.clusterdeck.model.VmState;

/** Run state shown on a node, always with a text label and a shape cue besides its colour. */
public enum NodeState {
    RUNNING("running"),
    /** A host whose libvirt connection answered at its last sync; drawn like running. */
    UP("up"),
    STOPPED("stopped"),
    PAUSED("paused"),
    UNREACHABLE("unreachable"),
    /** Nothing known or nothing to say (a host before any health check). */
    NONE("");

    private final String label;

    NodeState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static NodeState of(VmState state) {
        return switch (state) {
            case RUNNING -> RUNNING;
            case STOPPED -> STOPPED;
            case PAUSED -> PAUSED;
            case UNKNOWN -> UNREACHABLE;
        };
    }
}
