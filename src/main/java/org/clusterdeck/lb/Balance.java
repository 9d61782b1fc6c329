package org.clusterdeck.lb;

import java.util.Arrays;
import java.util.Locale;

/** nginx's upstream balancing methods (ngx_http_upstream_module). */
public enum Balance {
    /** Weighted round robin: nginx's default, no directive. */
    ROUND_ROBIN("round_robin", null),
    /** The server with the fewest active connections, weighted. */
    LEAST_CONN("least_conn", "least_conn"),
    /** The client's IPv4 /24 (or whole IPv6 address) picks the server: sticky, no backup servers. */
    IP_HASH("ip_hash", "ip_hash"),
    /** A key of text and variables picks the server ({@code hash KEY [consistent]}): no backup servers. */
    HASH("hash", "hash");

    private final String id;
    private final String directive;

    Balance(String id, String directive) {
        this.id = id;
        this.directive = directive;
    }

    public String id() {
        return id;
    }

    /** The directive that selects the method inside {@code upstream}, null for round robin. */
    public String directive() {
        return directive;
    }

    /** Whether nginx allows {@code backup} servers with this method (not with ip_hash or hash). */
    public boolean allowsBackup() {
        return this == ROUND_ROBIN || this == LEAST_CONN;
    }

    /** "least_conn", "round-robin", "HASH" …; null or blank is round robin. */
    public static Balance parse(String s) {
        if (s == null || s.isBlank()) {
            return ROUND_ROBIN;
        }
        String k = s.strip().toLowerCase(Locale.ROOT).replace('-', '_');
        if (k.equals("rr") || k.equals("roundrobin")) {
            return ROUND_ROBIN;
        }
        return Arrays.stream(values()).filter(b -> b.id.equals(k)).findFirst().orElseThrow(() -> new LbException(
                "'" + s.replaceAll("\\p{Cntrl}", "?") + "' is not a balancing method: use round_robin, least_conn, ip_hash or hash."));
    }
}
