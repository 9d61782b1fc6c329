package org.clusterdeck.topology;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cluster of one site as a graph: hosts holding their VMs, load balancers, databases and the
 * edges between them. The structure is fixed once built; node state and badges can change in
 * place (a VM started elsewhere), which is safe from any thread.
 */
public final class TopologyGraph {
    private final long siteId;
    private final String siteName;
    private final List<DiagramNodeRef> order;
    private final Map<DiagramNodeRef, TopologyNode> nodes = new ConcurrentHashMap<>();
    private final Map<DiagramNodeRef, List<DiagramNodeRef>> children;
    private final List<TopologyEdge> edges;

    public TopologyGraph(long siteId, String siteName, List<TopologyNode> nodeList, List<TopologyEdge> edgeList) {
        this.siteId = siteId;
        this.siteName = siteName;
        List<DiagramNodeRef> refs = new ArrayList<>(nodeList.size());
        Map<DiagramNodeRef, List<DiagramNodeRef>> kids = new LinkedHashMap<>();
        for (TopologyNode n : nodeList) {
            if (nodes.put(n.ref(), n) != null) {
                throw new IllegalArgumentException("Node " + n.ref().key() + " appears twice");
            }
            refs.add(n.ref());
        }
        for (TopologyNode n : nodeList) {
            if (n.parent() != null) {
                if (!nodes.containsKey(n.parent())) {
                    throw new IllegalArgumentException("Node " + n.ref().key() + " names a missing parent "
                            + n.parent().key());
                }
                kids.computeIfAbsent(n.parent(), k -> new ArrayList<>()).add(n.ref());
            }
        }
        for (TopologyEdge e : edgeList) {
            if (!nodes.containsKey(e.from()) || !nodes.containsKey(e.to())) {
                throw new IllegalArgumentException("Edge " + e + " names a node that is not in the graph");
            }
        }
        kids.replaceAll((k, v) -> List.copyOf(v));
        this.order = List.copyOf(refs);
        this.children = Collections.unmodifiableMap(kids);
        this.edges = List.copyOf(edgeList);
    }

    public long siteId() {
        return siteId;
    }

    public String siteName() {
        return siteName;
    }

    /** Every node, in the order they were added (hosts by name, then their VMs, ...). */
    public List<TopologyNode> nodes() {
        List<TopologyNode> out = new ArrayList<>(order.size());
        for (DiagramNodeRef r : order) {
            out.add(nodes.get(r));
        }
        return out;
    }

    public List<DiagramNodeRef> refs() {
        return order;
    }

    /** Nodes of that kind, in order. */
    public List<TopologyNode> nodes(NodeKind kind) {
        return order.stream().filter(r -> r.kind() == kind).map(nodes::get).toList();
    }

    public TopologyNode node(DiagramNodeRef ref) {
        return nodes.get(ref);
    }

    public boolean contains(DiagramNodeRef ref) {
        return ref != null && nodes.containsKey(ref);
    }

    /** The VMs of a host (empty for other nodes). */
    public List<DiagramNodeRef> children(DiagramNodeRef ref) {
        return children.getOrDefault(ref, List.of());
    }

    public List<TopologyEdge> edges() {
        return edges;
    }

    /** Changes a node's state in place. Returns false when the node is unknown or already in that state. */
    public boolean updateState(DiagramNodeRef ref, NodeState state) {
        TopologyNode before = nodes.get(ref);
        if (before == null || before.state() == state) {
            return false;
        }
        nodes.put(ref, before.withState(state));
        return true;
    }

    /**
     * Changes a node's state and the note saying why, in place. Returns false when the node is
     * unknown or already shows exactly that.
     */
    public boolean updateState(DiagramNodeRef ref, NodeState state, String note) {
        TopologyNode before = nodes.get(ref);
        if (before == null || (before.state() == state && java.util.Objects.equals(before.stateNote(), note))) {
            return false;
        }
        nodes.put(ref, before.withState(state, note));
        return true;
    }

    /** Replaces a node's badges. Returns false when the node is unknown. */
    public boolean setBadges(DiagramNodeRef ref, List<Badge> badges) {
        TopologyNode before = nodes.get(ref);
        if (before == null) {
            return false;
        }
        nodes.put(ref, before.withBadges(badges));
        return true;
    }

    public int size() {
        return order.size();
    }
}
