package org.clusterdeck.topology;

/** Identifies a diagram node by what it stands for: a host, VM, load balancer or database id. */
public record DiagramNodeRef(NodeKind kind, long id) {
    public static DiagramNodeRef host(long id) {
        return new DiagramNodeRef(NodeKind.HOST, id);
    }

    public static DiagramNodeRef vm(long id) {
        return new DiagramNodeRef(NodeKind.VM, id);
    }

    public static DiagramNodeRef lb(long id) {
        return new DiagramNodeRef(NodeKind.LOAD_BALANCER, id);
    }

    public static DiagramNodeRef db(long id) {
        return new DiagramNodeRef(NodeKind.DATABASE, id);
    }

    /** Stable text form, e.g. "vm:12"; used as SVG id and as the pin key. */
    public String key() {
        return kind.eventKind() + ":" + id;
    }
}
