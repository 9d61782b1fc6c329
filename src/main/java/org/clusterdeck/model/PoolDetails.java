package org.clusterdeck.model;

import java.util.List;

/** A storage pool with its volumes; sizes in bytes. */
public record PoolDetails(String uuid, String name, String type, String path, boolean active, long capacityBytes,
                          long allocationBytes, long availableBytes, List<VolumeDetails> volumes) {
}
