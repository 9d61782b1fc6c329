package org.clusterdeck.scan;

import java.util.Locale;

/** Which scanner produced a scan (and its findings). */
public enum ScanKind {
    PORTS, TLS, SSH, HTTP, HOST;

    /** "ports", "tls", "ssh", "http", "host": the CLI's word and the stored value. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
