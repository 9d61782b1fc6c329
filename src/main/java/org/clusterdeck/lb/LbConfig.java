package org.clusterdeck.lb;

import java.util.List;

/**
 * A whole load balancer as ClusterDeck generates it: one upstream, a plain-HTTP server on
 * {@code listenPort} (redirecting to HTTPS when {@link Tls#redirectHttp}), an HTTPS server when
 * {@code tls} is set, the locations that proxy to the upstream, and proxy timeouts in seconds.
 */
public record LbConfig(String name, Upstream upstream, int listenPort, List<String> serverNames, List<String> locations,
                       int connectTimeoutSeconds, int readTimeoutSeconds, int sendTimeoutSeconds, Tls tls, NginxRuntime runtime) {
    public LbConfig {
        serverNames = List.copyOf(serverNames);
        locations = List.copyOf(locations);
        runtime = runtime == null ? NginxRuntime.DEBIAN : runtime;
    }

    /** Port 80, location /, 5 s to connect, 60 s to read and send (nginx's defaults), no TLS. */
    public static LbConfig of(String name, Upstream upstream, List<String> serverNames) {
        return new LbConfig(name, upstream, 80, serverNames, List.of("/"), 5, 60, 60, null, null);
    }

    public LbConfig withTls(Tls t) {
        return new LbConfig(name, upstream, listenPort, serverNames, locations, connectTimeoutSeconds, readTimeoutSeconds,
                sendTimeoutSeconds, t, runtime);
    }

    public LbConfig withRuntime(NginxRuntime r) {
        return new LbConfig(name, upstream, listenPort, serverNames, locations, connectTimeoutSeconds, readTimeoutSeconds,
                sendTimeoutSeconds, tls, r);
    }

    public LbConfig withListenPort(int port) {
        return new LbConfig(name, upstream, port, serverNames, locations, connectTimeoutSeconds, readTimeoutSeconds,
                sendTimeoutSeconds, tls, runtime);
    }

    public LbConfig withUpstream(Upstream u) {
        return new LbConfig(name, u, listenPort, serverNames, locations, connectTimeoutSeconds, readTimeoutSeconds,
                sendTimeoutSeconds, tls, runtime);
    }
}
