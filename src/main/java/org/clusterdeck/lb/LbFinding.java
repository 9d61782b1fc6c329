package org.clusterdeck.lb;

/** One problem in an nginx configuration: where, what is wrong and why, and the fix. */
public record LbFinding(Severity severity, int line, String directive, String reason, String fix) {
    public enum Severity {
        /** nginx refuses it, or it is unsafe (old protocols, weak ciphers). */
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
