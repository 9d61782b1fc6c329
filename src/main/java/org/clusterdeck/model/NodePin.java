package org.clusterdeck.model;

/** A diagram node the user placed by hand: kind is host, vm, lb or db; a VM's x/y are relative to its host. */
public record NodePin(long siteId, String kind, long nodeId, double x, double y) {
}
