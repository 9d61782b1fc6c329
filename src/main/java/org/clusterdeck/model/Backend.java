package org.clusterdeck.model;

/** One upstream server of a load balancer, with nginx's per-server parameters. */
public record Backend(
        long id,
        long lbId,
        Long vmId,
        String address,
        int port,
        int weight,
        int maxFails,
        int failTimeoutSeconds,
        boolean backup) {
}
