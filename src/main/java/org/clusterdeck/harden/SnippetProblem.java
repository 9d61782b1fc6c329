package org.clusterdeck.harden;

import org.clusterdeck.tuning.Severity;

/**
 * One problem in pasted hardening text: where (1-based line and column of the command or setting),
 * the fragment as pasted (control characters escaped), how bad (ERROR: breaks the host, locks you
 * out or removes protection; WARNING: weaker than it looks), why, and the fix.
 */
public record SnippetProblem(Severity severity, int line, int column, String fragment, String reason, String fix) {
    public SnippetProblem {
        fragment = Printable.of(fragment);
        reason = Printable.of(reason);
        fix = Printable.of(fix);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** "line 3, column 5" (or "the whole paste" for problems of the snippet as a whole). */
    public String where() {
        return line <= 0 ? "the whole paste" : "line " + line + (column > 1 ? ", column " + column : "");
    }
}
