package org.clusterdeck.model;

/** One disk of a domain: its target (vda), device kind (disk, cdrom), source path and format. */
public record DiskDetails(String target, String device, String bus, String source, String format) {
}
