package org.clusterdeck.topology;

/** What a diagram node stands for; {@link #eventKind()} matches the kinds of InventoryEvents. */
public enum NodeKind {
    HOST("host", Layer.PHYSICAL),
    VM("vm", Layer.VIRTUALIZATION),
    LOAD_BALANCER("lb", Layer.SERVICE),
    DATABASE("db", Layer.APPLICATION);

    private final String eventKind;
    private final Layer layer;

    NodeKind(String eventKind, Layer layer) {
        this.eventKind = eventKind;
        this.layer = layer;
    }

    public String eventKind() {
        return eventKind;
    }

    /** The source's architecture layer this kind of node belongs to. */
    public Layer layer() {
        return layer;
    }

    /** The kind for an InventoryEvents kind ("host", "vm", "lb", "db"), or null for others. */
    public static NodeKind fromEventKind(String kind) {
        for (NodeKind k : values()) {
            if (k.eventKind.equals(kind)) {
                return k;
            }
        }
        return null;
    }
}
