package org.clusterdeck.topology;

/** A connection between two diagram nodes, with an optional label ("w=5 · least_conn"). */
public record TopologyEdge(DiagramNodeRef from, DiagramNodeRef to, EdgeKind kind, String label) {
}
