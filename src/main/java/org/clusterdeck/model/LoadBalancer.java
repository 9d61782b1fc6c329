package org.clusterdeck.model;

import java.util.List;

/** An nginx load balancer: where it runs, how it balances, and its upstream servers. */
public record LoadBalancer(
        long id,
        long siteId,
        String name,
        Long vmId,
        int listenPort,
        String serverName,
        String algorithm,
        String notes,
        List<Backend> backends) {

    public LoadBalancer {
        backends = List.copyOf(backends);
    }
}
