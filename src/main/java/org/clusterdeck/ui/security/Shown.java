package org.clusterdeck.ui.security;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.clusterdeck.scan.Finding;
import org.clusterdeck.text.TerminalText;

/**
 * How scan text is shown: what a scanned host sent (banners, certificate subjects, headers) goes
 * through {@link TerminalText} so control characters are visible text, never acting on the label;
 * severities as colour class and word together; times in the local zone.
 */
final class Shown {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private Shown() {
    }

    /** One line (table cell, title): line breaks and controls shown as \n, \x07 … */
    static String line(String s) {
        return TerminalText.line(s);
    }

    /** Multi-line text (evidence): line breaks kept, other controls shown. */
    static String text(String s) {
        return TerminalText.visible(s);
    }

    static String time(Instant t) {
        return t == null ? "" : TIME.format(t);
    }

    /** The style class of a severity: sev-critical, sev-high, sev-medium, sev-low, sev-none. */
    static String severityClass(double severity) {
        return "sev-" + Finding.label(severity).toLowerCase(java.util.Locale.ROOT);
    }
}
