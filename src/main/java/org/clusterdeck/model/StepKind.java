package org.clusterdeck.model;

/** What one step of a change set changes on a host; rollback, diff and export depend on it. */
public enum StepKind {
    /** A whole file: before/after are its contents (before null when it did not exist). */
    FILE,
    /** A kernel setting at runtime: target is the key, before/after its values. */
    SYSCTL,
    /** A command with no stored state of its own: after is the command line, before the one that undoes it. */
    COMMAND,
    /** A service reload or restart: target is the unit, after the action. */
    SERVICE_RELOAD,
    /** A firewall ruleset: before/after are the complete saved rulesets (iptables-save / nft list ruleset). */
    FIREWALL
}
