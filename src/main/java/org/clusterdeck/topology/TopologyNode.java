package org.clusterdeck.topology;

import java.util.List;

/**
 * One box of the diagram. {@code parent} is the host a VM runs on (null for top-level nodes);
 * {@code subtitle} and {@code detail} are the two lines under the name; {@code stateNote} says why
 * the node is in its state (a host's last sync error), or is null.
 */
public record TopologyNode(
        DiagramNodeRef ref,
        DiagramNodeRef parent,
        String name,
        String subtitle,
        String detail,
        String role,
        NodeState state,
        List<Badge> badges,
        String stateNote) {

    public TopologyNode {
        badges = List.copyOf(badges);
    }

    public TopologyNode(DiagramNodeRef ref, DiagramNodeRef parent, String name, String subtitle, String detail,
                        String role, NodeState state, List<Badge> badges) {
        this(ref, parent, name, subtitle, detail, role, state, badges, null);
    }

    public NodeKind kind() {
        return ref.kind();
    }

    public TopologyNode withState(NodeState newState) {
        return withState(newState, stateNote);
    }

    public TopologyNode withState(NodeState newState, String newNote) {
        return new TopologyNode(ref, parent, name, subtitle, detail, role, newState, badges, newNote);
    }

    public TopologyNode withBadges(List<Badge> newBadges) {
        return new TopologyNode(ref, parent, name, subtitle, detail, role, state, newBadges, stateNote);
    }

    /** Whether a search text matches this node (name, subtitle, detail or role; case-insensitive). */
    public boolean matches(String query) {
        if (query == null || query.isBlank()) {
            return false;
        }
        String q = query.strip().toLowerCase(java.util.Locale.ROOT);
        return contains(name, q) || contains(subtitle, q) || contains(detail, q) || contains(role, q);
    }

    private static boolean contains(String s, String q) {
        return s != null && s.toLowerCase(java.util.Locale.ROOT).contains(q);
    }
}
