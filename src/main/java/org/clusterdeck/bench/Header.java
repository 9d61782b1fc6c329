package org.clusterdeck.bench;

import java.util.Locale;
import java.util.Set;

/** One request header, checked so it cannot smuggle a second line into the request. */
public record Header(String name, String value) {
    private static final Set<String> SECRET = Set.of("authorization", "proxy-authorization", "cookie", "x-api-key");

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

    /** Parses {@code "Name: value"} as given to {@code -H}. */
    public static Header parse(String line) {
        int colon = line == null ? -1 : line.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("Header '" + printable(line) + "' must look like 'Name: value'.");
        }
        return new Header(line.substring(0, colon).strip(), line.substring(colon + 1));
    }

    /** The header as stored in history: secrets (Authorization, Cookie...) are not kept. */
    public String redacted() {
        return name + ": " + (SECRET.contains(name.toLowerCase(Locale.ROOT)) ? "<redacted>" : value);
    }

    private static boolean tokenChar(int c) {
        return c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }

    static String printable(String s) {
        return org.clusterdeck.text.TerminalText.line(s);
    }
}
