package org.clusterdeck.scan;

import java.util.Locale;

/** Which scanner a run used; {@link #id()} is the CLI's and the database's word for it. */
public enum ScanKind {
    PORTS, TLS, SSH, HTTP, HOST;

    /** "ports", "tls", "ssh", "http", "host". */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind named by {@link #id()} (any case); an error naming the choices otherwise. */
    public static ScanKind parse(String s) {
        for (ScanKind k : values()) {
            if (k.id().equalsIgnoreCase(s.strip())) {
                return k;
            }
        }
        throw new IllegalArgumentException("'" + s.replaceAll("\\p{Cntrl}", "?") + "' is not a scan kind: use ports, tls, ssh, http or host");
    }
}
