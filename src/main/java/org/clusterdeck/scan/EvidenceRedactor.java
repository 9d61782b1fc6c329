package org.clusterdeck.scan;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in evidence before it is stored (secrets never reach H2): the scanners already
 * keep to banners, headers and read-only facts (the host audit prints only whether a password is
 * set, never its hash), so this is the second line for what a host or server might echo anyway —
 * private keys, crypt(3) hashes, credentials in headers, {@code password=…} style assignments.
 */
final class EvidenceRedactor {
    static final String MASK = "<redacted>";
    private static final Pattern PRIVATE_KEY = Pattern.compile(
            "-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----.*?(-----END [A-Z0-9 ]*PRIVATE KEY-----|\\z)", Pattern.DOTALL);
    private static final Pattern CRYPT_HASH = Pattern.compile("\\$(1|2[abxy]?|5|6|y|gy|7)\\$[^\\s:]{8,}");
    private static final Pattern CREDENTIAL_HEADER = Pattern.compile(
            "(?im)^(\\s*(?:authorization|proxy-authorization|cookie|set-cookie|x-api-key)\\s*:\\s*)(.+)$");
    private static final Pattern ASSIGNMENT = Pattern.compile(
            "(?i)\\b((?:password|passwd|passphrase|secret|token|api[_-]?key|access[_-]?key)\\s*[=:]\\s*)(\"[^\"]*\"|'[^']*'|[^\\s,;&]+)");

    private EvidenceRedactor() {
    }

    static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text == null ? "" : text;
        }
        String t = PRIVATE_KEY.matcher(text).replaceAll(Matcher.quoteReplacement(MASK));
        t = CRYPT_HASH.matcher(t).replaceAll(Matcher.quoteReplacement(MASK));
        t = CREDENTIAL_HEADER.matcher(t).replaceAll("$1" + Matcher.quoteReplacement(MASK));
        return ASSIGNMENT.matcher(t).replaceAll("$1" + Matcher.quoteReplacement(MASK));
    }

    static Finding redact(Finding f) {
        return new Finding(f.id(), f.severity(), redact(f.title()), redact(f.evidence()), f.why(), f.fix());
    }
}
