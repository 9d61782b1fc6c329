package org.clusterdeck.tuning;

/** ERROR blocks applying a plan; WARNING is shown and the plan goes on. */
public enum Severity {
    ERROR, WARNING
}
