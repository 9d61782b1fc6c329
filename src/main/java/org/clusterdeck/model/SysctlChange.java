package org.clusterdeck.model;

/** One sysctl key changed by a tuning change set, with its value before and after. */
public record SysctlChange(String key, String before, String after, String state) {
}
