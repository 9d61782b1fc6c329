package org.clusterdeck.model;

/** One difference a sync found between the hypervisor and the inventory (also written to the audit trail). */
public record SyncChange(String action, String vmName, String before, String after) {
}
