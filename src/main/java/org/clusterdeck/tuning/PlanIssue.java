package org.clusterdeck.tuning;

/**
 * A problem found in a tuning plan, with the fix to make. {@code line} is the line of the pasted
 * or imported file (0 for a profile), {@code column} the 1-based column of the key on it.
 */
public record PlanIssue(Severity severity, int line, int column, String key, String value, String message, String fix) {

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** "line 3: unknown key ... (fix: ...)" as printed by the CLI. */
    public String describe() {
        String where = line > 0 ? "line " + line + (column > 1 ? ", column " + column : "") + ": " : "";
        return where + message + (fix == null ? "" : " (fix: " + fix + ")");
    }
}
