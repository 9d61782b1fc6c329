package org.clusterdeck.lb;

/**
 * One {@code server} line of an upstream: address and port, and nginx's per-server parameters
 * ({@code weight}, {@code max_fails}, {@code fail_timeout} in seconds, {@code backup}, {@code down}).
 * Checked by {@link LbValidation}, not here, so a form can hold a half-typed value and show why.
 */
public record UpstreamServer(String host, int port, int weight, int maxFails, int failTimeoutSeconds, boolean backup, boolean down) {
    /** nginx's own defaults: weight 1, max_fails 1, fail_timeout 10 s. */
    public static UpstreamServer of(String host, int port) {
        return new UpstreamServer(host, port, 1, 1, 10, false, false);
    }

    public UpstreamServer withWeight(int w) {
        return new UpstreamServer(host, port, w, maxFails, failTimeoutSeconds, backup, down);
    }

    /** "10.0.0.1:8080", "[::1]:8080". */
    public String address() {
        return (host != null && host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
