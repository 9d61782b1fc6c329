package org.clusterdeck.tuning;

/** The shape of a sysctl value, as the catalog describes it. */
public enum SysctlType {
    /** One integer within a range. */
    INT,
    /** A fixed number of integers in non-decreasing order, e.g. a port range or tcp_rmem. */
    INTS,
    /** One of a few listed values. */
    ENUM,
    /** A word, free or taken from another key's value on the host. */
    STRING,
    /** The kernel no longer has this key. */
    REMOVED
}
