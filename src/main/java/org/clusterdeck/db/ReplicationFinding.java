package org.clusterdeck.db;

/** One problem in replication SQL: which statement (1-based), what, why it is wrong, and the fix. */
public record ReplicationFinding(Severity severity, int statement, String subject, String reason, String fix) {
    public enum Severity {
        /** The server refuses it, or it is unsafe (a password in plain text). */
        ERROR,
        /** It does not do what it appears to do. */
        WARNING,
        /** Worth knowing; not wrong. */
        INFO
    }

    public boolean problem() {
        return severity != Severity.INFO;
    }
}
