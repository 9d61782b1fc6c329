package org.clusterdeck.harden;

/**
 * Text from a host or a paste, made safe to show: control characters (newline, escape, NUL …)
 * become visible escapes, so nothing pasted can move the terminal's cursor or fake a line of output.
 */
public final class Printable {
    private Printable() {
    }

    public static String of(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0x2028 || c == 0x2029 || (c >= 0x202a && c <= 0x202e)
                            || (c >= 0x2066 && c <= 0x2069)) {
                        sb.append(c < 0x100 ? String.format("\\x%02x", c) : String.format("\\u%04x", c));
                    } else {
                        sb.appendCodePoint(c);
                    }
                }
            }
        });
        return sb.toString();
    }
}
