package org.clusterdeck.ui.main;

/**
 * A row of the inventory tree: what it is (kind and id in the store) and its label. Equality is
 * by kind and id, so selection survives a refresh.
 */
public record InventoryItem(Kind kind, long id, String label, Object model) {
    /** What a tree row stands for. */
    public enum Kind { SITE, HOST, VM, LOAD_BALANCER, DATABASE, GROUP }

    @Override
    public boolean equals(Object o) {
        return o instanceof InventoryItem other && other.kind == kind && other.id == id
                && (kind != Kind.GROUP || other.label.equals(label));
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Long.hashCode(id) + (kind == Kind.GROUP ? label.hashCode() : 0);
    }

    @Override
    public String toString() {
        return label;
    }
}
