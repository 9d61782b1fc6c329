package org.clusterdeck.bench;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What to benchmark and how: target URL, connections, stop condition (requests and/or duration),
 * mode (closed loop, or constant {@code rate} requests per second when {@code rate > 0}), warm-up,
 * timeout, request method, headers and body. Built through {@link #of}, which rejects bad values
 * with a message that names the fix.
 */
public record BenchmarkSpec(URI url, int connections, long requests, Duration duration, double rate,
                            Duration warmup, Duration timeout, String method, List<Header> headers,
                            String body, boolean insecure, int threads) {
    public static final Duration DEFAULT_DURATION = Duration.ofSeconds(10);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final int MAX_CONNECTIONS = 20_000;

    public BenchmarkSpec {
        headers = List.copyOf(headers);
        body = body == null ? "" : body;
    }

    /** Checks every value; {@code requests == 0} and {@code duration == null} means 10 s. */
    public static BenchmarkSpec of(String url, int connections, long requests, Duration duration, double rate,
                                   Duration warmup, Duration timeout, String method, List<Header> headers,
                                   String body, boolean insecure) {
        URI uri = parseUrl(url);
        List<Header> hs = new java.util.ArrayList<>(headers == null ? List.of() : headers);
        if (uri.getRawUserInfo() != null) {
            // user:password@ in the URL: sent as Basic authentication (a secret header, never
            // stored), and gone from the URL that history, job titles and logs show
            if (hs.stream().anyMatch(h -> h.name().equalsIgnoreCase("authorization"))) {
                throw new IllegalArgumentException("The URL carries credentials (user:…@) and an Authorization "
                        + "header is given too; keep one of them.");
            }
            String userInfo = java.net.URLDecoder.decode(uri.getRawUserInfo().replace("+", "%2B"), StandardCharsets.UTF_8);
            hs.add(new Header("Authorization", "Basic " + java.util.Base64.getEncoder()
                    .encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)), true));
            uri = withoutUserInfo(uri);
        }
        headers = hs;
        if (connections <= 0 || connections > MAX_CONNECTIONS) {
            throw new IllegalArgumentException("Connections must be between 1 and " + MAX_CONNECTIONS + ", not "
                    + connections + ".");
        }
        if (requests < 0) {
            throw new IllegalArgumentException("Number of requests must be positive, not " + requests + ".");
        }
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException("Duration must be positive, e.g. 30s.");
        }
        if (requests == 0 && duration == null) {
            duration = DEFAULT_DURATION;
        }
        if (rate < 0 || Double.isNaN(rate) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("Rate must be a positive number of requests per second, not " + rate + ".");
        }
        warmup = warmup == null ? Duration.ZERO : warmup;
        if (warmup.isNegative()) {
            throw new IllegalArgumentException("Warm-up cannot be negative.");
        }
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("Timeout must be positive, e.g. 5s.");
        }
        String m = method == null || method.isBlank() ? "GET" : method.strip().toUpperCase(Locale.ROOT);
        if (!m.matches("[A-Z]{1,20}")) {
            throw new IllegalArgumentException("Method '" + Header.printable(method) + "' is not valid: use GET, POST, HEAD...");
        }
        return new BenchmarkSpec(uri, connections, requests, duration, rate, warmup, timeout, m,
                headers, body, insecure, 0);
    }

    private static URI withoutUserInfo(URI uri) {
        try {
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), uri.getQuery(),
                    uri.getFragment());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("The URL cannot be rebuilt without its credentials (" + e.getReason() + ").");
        }
    }

    /** {@code url} as it may be shown in a message: the password of {@code user:password@} hidden. */
    static String shown(String url) {
        return Header.printable(url).replaceAll("(?i)^(\\s*[a-z][a-z0-9+.-]*://[^/@]*?):[^/@]*@", "$1:***@");
    }

    /** Accepts http:// and https:// URLs with a host; anything else gets an example of a good one. */
    public static URI parseUrl(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("A URL is needed, e.g. http://127.0.0.1:8080/.");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + shown(url) + "' is not a valid URL ("
                    + e.getReason() + "); write it like http://127.0.0.1:8080/path.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("'" + shown(url)
                    + "' is not an http:// or https:// URL; write it like http://127.0.0.1:8080/path.");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("'" + shown(url) + "' has no host; write it like http://127.0.0.1:8080/path.");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw new IllegalArgumentException("Port " + uri.getPort() + " in '" + shown(url) + "' is not valid (1-65535).");
        }
        return uri;
    }

    public boolean https() {
        return "https".equalsIgnoreCase(url.getScheme());
    }

    public int port() {
        return url.getPort() > 0 ? url.getPort() : https() ? 443 : 80;
    }

    public boolean constantRate() {
        return rate > 0;
    }

    /** The same spec with a fixed number of I/O threads (0: one per processor). */
    public BenchmarkSpec withThreads(int n) {
        return new BenchmarkSpec(url, connections, requests, duration, rate, warmup, timeout, method, headers, body,
                insecure, n);
    }

    /** The whole request as sent on the wire, encoded once. */
    public byte[] encodeRequest() {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        if (url.getRawQuery() != null) {
            path += "?" + url.getRawQuery();
        }
        byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
        boolean defaultPort = url.getPort() < 0 || url.getPort() == (https() ? 443 : 80);
        String host = url.getHost().contains(":") && !url.getHost().startsWith("[") ? "[" + url.getHost() + "]" : url.getHost();
        StringBuilder b = new StringBuilder(128).append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
        boolean hasHost = false;
        boolean hasAgent = false;
        for (Header h : headers) {
            hasHost |= h.name().equalsIgnoreCase("host");
            hasAgent |= h.name().equalsIgnoreCase("user-agent");
        }
        if (!hasHost) {
            b.append("Host: ").append(host).append(defaultPort ? "" : ":" + url.getPort()).append("\r\n");
        }
        if (!hasAgent) {
            b.append("User-Agent: ClusterDeck-bench\r\n");
        }
        for (Header h : headers) {
            if (!h.name().equalsIgnoreCase("content-length")) {
                b.append(h.name()).append(": ").append(h.value()).append("\r\n");
            }
        }
        if (bodyBytes.length > 0 || method.equals("POST") || method.equals("PUT")) {
            b.append("Content-Length: ").append(bodyBytes.length).append("\r\n");
        }
        b.append("\r\n");
        byte[] head = b.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + bodyBytes.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(bodyBytes, 0, all, head.length, bodyBytes.length);
        return all;
    }

    /** Human form of the stop condition and mode, e.g. "100 connections, 30 s, 2000 req/s". */
    public String describe() {
        StringBuilder b = new StringBuilder().append(connections).append(connections == 1 ? " connection" : " connections");
        if (requests > 0) {
            b.append(", ").append(requests).append(" requests");
        }
        if (duration != null) {
            b.append(", ").append(Durations.format(duration));
        }
        b.append(constantRate() ? ", constant rate " + Durations.number(rate) + " req/s" : ", closed loop");
        return b.toString();
    }
}
