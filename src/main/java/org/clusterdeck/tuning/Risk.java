package org.clusterdeck.tuning;

/** How much harm a wrong value of a setting can do. */
public enum Risk {
    LOW, MEDIUM, HIGH
}
