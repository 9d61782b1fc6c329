package org.clusterdeck.text;

/**
 * What a host (or any outside party) sent, made safe to show: control characters and terminal
 * escape sequences become visible text instead of acting on the user's terminal or label.
 * ESC becomes {@code \e} (so {@code ESC[2J} shows as {@code \e[2J} instead of clearing the screen,
 * and an OSC 52 clipboard write shows as {@code \e]52;…} instead of filling the clipboard), a
 * carriage return that would overwrite the line becomes {@code \r}, other C0/C1 controls and DEL
 * become {@code \xNN}, and the bidirectional overrides that reorder text on screen become
 * {@code \u202e} and the like. The one place that does this; a leaf package so every layer may use it.
 */
public final class TerminalText {
    private TerminalText() {
    }

    /** Multi-line host output: keeps line breaks (CRLF read as one) and tabs, shows every other control. */
    public static String visible(String s) {
        return escape(s, true);
    }

    /** One line (a table cell, a field, a quoted value): line breaks and tabs are shown as well. */
    public static String line(String s) {
        return escape(s, false);
    }

    private static String escape(String s, boolean multiLine) {
        if (s == null) {
            return "";
        }
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String shown = shown(s, i, c, multiLine);
            if (shown == null) {
                if (b != null) {
                    b.append(c);
                }
                continue;
            }
            if (b == null) {
                b = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (multiLine && c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                continue; // CRLF from a pty is an ordinary line break
            }
            b.append(shown);
        }
        return b == null ? s : b.toString();
    }

    /** How a character is shown, or null when it is shown as itself. */
    private static String shown(String s, int i, char c, boolean multiLine) {
        if (c == '\n') {
            return multiLine ? null : "\\n";
        }
        if (c == '\t') {
            return multiLine ? null : "\\t";
        }
        if (c == '\r') {
            return multiLine && i + 1 < s.length() && s.charAt(i + 1) == '\n' ? "" : "\\r";
        }
        if (c == 0x1b) {
            return "\\e";
        }
        if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
            return String.format("\\x%02x", (int) c);
        }
        if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f) {
            return String.format("\\u%04x", (int) c);
        }
        return null;
    }
}
