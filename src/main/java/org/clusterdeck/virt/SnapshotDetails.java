package org.clusterdeck.virt;

/** A domain snapshot: name, description, the domain state it captured, and when (epoch seconds). */
public record SnapshotDetails(String name, String description, String state, long createdEpochSeconds,
                              boolean current) {
}
