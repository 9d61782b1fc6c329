package org.clusterdeck.model;

/** A database server (MySQL in the source's cluster); replicas name their replication source. */
public record DatabaseNode(
        long id,
        long siteId,
        String name,
        String engine,
        String version,
        String role,
        Long vmId,
        int port,
        Long replicationSourceId) {

    public boolean isReplica() {
        return replicationSourceId != null;
    }
}
