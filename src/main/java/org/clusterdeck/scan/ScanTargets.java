package org.clusterdeck.scan;

import java.net.URI;
import java.util.Locale;
import org.clusterdeck.net.TargetPolicy;

/**
 * One spelling per scanned target, so that reruns find the same findings: "web1" and
 * "127.0.0.1" for ports and host audits, "HOST:PORT" ("[::1]:443") for TLS and SSH, a URL
 * with a path for HTTP; and the host part of each (what the diagram badges by).
 */
final class ScanTargets {
    private ScanTargets() {
    }

    /** The canonical spelling; an {@link IllegalArgumentException} saying what is wrong for malformed input. */
    static String canonical(ScanKind kind, String target) {
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException("No target given: name a host, HOST:PORT or URL.");
        }
        String t = target.strip();
        return switch (kind) {
            case PORTS, HOST -> TargetPolicy.unbracket(t);
            case TLS -> endpoint(t, TlsScanner.DEFAULT_PORT);
            case SSH -> endpoint(t, SshScanner.DEFAULT_PORT);
            case HTTP -> url(t);
        };
    }

    /** The host part of a canonical target. */
    static String host(ScanKind kind, String canonical) {
        return switch (kind) {
            case PORTS, HOST -> canonical;
            case TLS, SSH -> SshScanner.Endpoint.parse(canonical, 1).host();
            case HTTP -> TargetPolicy.unbracket(URI.create(canonical).getHost());
        };
    }

    /** "host:port", IPv6 in brackets. */
    static String join(String host, int port) {
        return TargetPolicy.urlHost(TargetPolicy.unbracket(host)) + ":" + port;
    }

    private static String endpoint(String t, int defaultPort) {
        SshScanner.Endpoint e = SshScanner.Endpoint.parse(t, defaultPort);
        return join(e.host(), e.port());
    }

    private static String url(String t) {
        URI u;
        try {
            u = URI.create(t);
        } catch (IllegalArgumentException e) {
            u = null;
        }
        if (u == null || u.getHost() == null || u.getScheme() == null
                || !u.getScheme().toLowerCase(Locale.ROOT).matches("https?")) {
            throw new IllegalArgumentException("'" + t.replaceAll("\\p{Cntrl}", "?")
                    + "' is not an http:// or https:// URL with a host; write e.g. http://127.0.0.1:8080/.");
        }
        // never the user-info part (user:password@): secrets never reach H2
        String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
        return u.getScheme().toLowerCase(Locale.ROOT) + "://" + TargetPolicy.urlHost(u.getHost()) + (u.getPort() > 0 ? ":" + u.getPort() : "")
                + path
                + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
    }
}
