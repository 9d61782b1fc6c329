package org.clusterdeck.topology;

/** Why two nodes are connected. */
public enum EdgeKind {
    /** Load balancer to one of its upstream servers, labelled with weight and algorithm. */
    BACKEND,
    /** Database primary to replica. */
    REPLICATION,
    /** A service (load balancer, database) to the VM it runs on. */
    HOSTED_ON
}
