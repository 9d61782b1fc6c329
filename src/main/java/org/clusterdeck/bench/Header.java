package org.clusterdeck.bench;

import java.util.regex.Pattern;

/**
 * One request header, checked so it cannot smuggle a second line into the request. Its value is
 * never stored or shown when it is {@code secret} (the user wrote {@code !Name: value}) or its
 * name says it carries credentials (Authorization, Cookie, X-Auth-Token, anything with token,
 * secret, password, key, session, signature …).
 */
public record Header(String name, String value, boolean secret) {
    /** The marker before a header's name that keeps its value out of history, logs and exports. */
    public static final String SECRET_MARK = "!";
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(auth|cookie|token|secret|passw|api-?key|session|signature|credential|csrf|xsrf).*");

    public Header(String name, String value) {
        this(name, value, false);
    }

    public Header {
        if (name == null || name.isBlank() || !name.chars().allMatch(Header::tokenChar)) {
            throw new IllegalArgumentException("Header name '" + printable(name)
                    + "' is not valid: use letters, digits and '-' (e.g. 'X-Test: 1').");
        }
        value = value == null ? "" : value.strip();
        if (value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
            throw new IllegalArgumentException("Header '" + name + "' contains a line break; remove it.");
        }
    }

    /** Parses {@code "Name: value"} as given to {@code -H}; {@code "!Name: value"} marks it secret. */
    public static Header parse(String line) {
        String l = line == null ? "" : line.strip();
        boolean secret = l.startsWith(SECRET_MARK);
        if (secret) {
            l = l.substring(SECRET_MARK.length()).strip();
        }
        int colon = l.indexOf(':');
        if (colon <= 0) {
            // the line is not echoed: it may be the very secret the user forgot to name
            throw new IllegalArgumentException("A header line (" + l.length() + " characters) must look like "
                    + "'Name: value' (or '!Name: value' to keep the value secret).");
        }
        return new Header(l.substring(0, colon).strip(), l.substring(colon + 1), secret);
    }

    /** Whether the value must never be stored, logged or exported. */
    public boolean hidden() {
        return secret || SECRET_NAME.matcher(name).matches();
    }

    /** The header as stored in history, logs and exports: hidden values are not kept. */
    public String redacted() {
        return name + ": " + (hidden() ? "<redacted>" : value);
    }

    private static boolean tokenChar(int c) {
        return c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }

    static String printable(String s) {
        return org.clusterdeck.text.TerminalText.line(s);
    }
}
