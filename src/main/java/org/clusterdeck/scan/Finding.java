package org.clusterdeck.scan;

import java.util.Locale;

/**
 * One thing a scanner found, explained: a stable check id, a CVSS-like severity (0–10) with its
 * label, a one-line title, the evidence it was judged on (as received, escaped only when shown),
 * why it matters and how to fix it. Shared by every scanner.
 */
public record Finding(String id, double severity, String title, String evidence, String why, String fix) {

    public Finding {
        if (severity < 0 || severity > 10) {
            throw new IllegalArgumentException("severity must be between 0 and 10, not " + severity);
        }
    }

    /** The CVSS v3 qualitative rating of {@link #severity()}: None, Low, Medium, High or Critical. */
    public String label() {
        return label(severity);
    }

    /** The CVSS v3 rating of a score: 0 None, 0.1–3.9 Low, 4.0–6.9 Medium, 7.0–8.9 High, 9.0–10 Critical. */
    public static String label(double severity) {
        if (severity == 0) {
            return "None";
        }
        if (severity < 4) {
            return "Low";
        }
        if (severity < 7) {
            return "Medium";
        }
        return severity < 9 ? "High" : "Critical";
    }

    /** "7.5 High": the severity as shown beside a title. */
    public String rating() {
        return String.format(Locale.ROOT, "%.1f %s", severity, label());
    }
}
