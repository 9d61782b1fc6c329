package org.clusterdeck.lb;

import java.util.List;

/**
 * Mozilla's server-side TLS configurations, values from guidelines version {@value #GUIDELINES}
 * (https://ssl-config.mozilla.org/guidelines/6.0.json, in github.com/mozilla/ssl-config-generator
 * src/static/guidelines/6.0.json; nginx output as its src/js/helpers/nginx.js writes it).
 *
 * <p>The guideline's first TLS group, X25519MLKEM768, needs OpenSSL 3.5; Mozilla's generator drops
 * it for older OpenSSL (state.js), and so do we unless the host's OpenSSL has it ({@link #curves(boolean)}).
 */
public enum TlsProfile {
    INTERMEDIATE("intermediate", List.of("TLSv1.2", "TLSv1.3"),
            List.of("ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES256-GCM-SHA384",
                    "ECDHE-RSA-AES256-GCM-SHA384", "ECDHE-ECDSA-CHACHA20-POLY1305", "ECDHE-RSA-CHACHA20-POLY1305")),
    MODERN("modern", List.of("TLSv1.3"), List.of());

    public static final String GUIDELINES = "6.0";
    public static final String GUIDELINES_URL = "https://ssl-config.mozilla.org/guidelines/6.0.json";
    /** hsts_min_age of both profiles: two years. */
    public static final long HSTS_MAX_AGE = 63072000;
    /** tls_curves of both profiles, in order. */
    static final List<String> GROUPS = List.of("X25519MLKEM768", "X25519", "prime256v1", "secp384r1");
    static final String PQC_GROUP = "X25519MLKEM768";

    private final String id;
    private final List<String> protocols;
    private final List<String> ciphers;

    TlsProfile(String id, List<String> protocols, List<String> ciphers) {
        this.id = id;
        this.protocols = protocols;
        this.ciphers = ciphers;
    }

    public String id() {
        return id;
    }

    public List<String> protocols() {
        return protocols;
    }

    /** TLS 1.2 cipher suites (OpenSSL names); empty for modern (TLS 1.3 suites are not configured in nginx). */
    public List<String> ciphers() {
        return ciphers;
    }

    /** The key-exchange groups; without OpenSSL 3.5 the post-quantum hybrid is left out, as Mozilla's generator does. */
    public List<String> curves(boolean openssl35) {
        return openssl35 ? GROUPS : GROUPS.stream().filter(g -> !g.equals(PQC_GROUP)).toList();
    }

    public static TlsProfile parse(String s) {
        for (TlsProfile p : values()) {
            if (p.id.equalsIgnoreCase(s == null ? "" : s.strip())) {
                return p;
            }
        }
        throw new LbException("'" + String.valueOf(s).replaceAll("\\p{Cntrl}", "?") + "' is not a TLS profile: use intermediate or modern"
                + " (Mozilla guidelines " + GUIDELINES + "; 'old' is not offered: it enables TLS 1.0 and 1.1).");
    }
}
