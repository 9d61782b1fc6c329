package org.clusterdeck.model;

/** A storage volume in a pool: sizes in bytes, format as libvirt names it (qcow2, raw, iso). */
public record VolumeDetails(String pool, String name, String path, long capacityBytes, long allocationBytes,
                            String format) {
}
