package org.clusterdeck.model;

/** A libvirt virtual network. */
public record NetworkDetails(String uuid, String name, String bridge, boolean active, boolean autostart, String xml) {
}
