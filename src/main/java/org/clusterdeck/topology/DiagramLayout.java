package org.clusterdeck.topology;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A laid-out diagram: where every node sits (absolute diagram coordinates), the route of every
 * edge, the layer bands behind them, and which nodes are pinned. Moving a node (a drag in the UI)
 * changes it in place and re-routes the edges; confine such changes to one thread.
 */
public final class DiagramLayout {
    /** A background band that makes one or two of the source's layers readable as a group. */
    public record Band(String title, String hint, List<Layer> layers, Rect area) {
    }

    /** An edge with its orthogonal route and where its label goes (null when unlabelled). */
    public record RoutedEdge(TopologyEdge edge, List<Point> points, Point labelAt) {
    }

    private final TopologyGraph graph;
    private final Map<DiagramNodeRef, Rect> rects;
    private final List<Band> bands;
    private final Set<DiagramNodeRef> pinned;
    private final EdgeRouter router;
    private List<RoutedEdge> edges;
    private int version;

    DiagramLayout(TopologyGraph graph, Map<DiagramNodeRef, Rect> rects, List<Band> bands,
                  Set<DiagramNodeRef> pinned, EdgeRouter router) {
        this.graph = graph;
        this.rects = new HashMap<>(rects);
        this.bands = List.copyOf(bands);
        this.pinned = Set.copyOf(pinned);
        this.router = router;
        this.edges = router.route(graph, this.rects);
    }

    /** A copy whose positions later drags do not change (for an export running in the background). */
    public DiagramLayout snapshot() {
        return new DiagramLayout(graph, rects, bands, pinned, router);
    }

    public TopologyGraph graph() {
        return graph;
    }

    /** Where a node sits, or null when it is not in the diagram. */
    public Rect rect(DiagramNodeRef ref) {
        return rects.get(ref);
    }

    public Map<DiagramNodeRef, Rect> rects() {
        return Collections.unmodifiableMap(rects);
    }

    public List<Band> bands() {
        return bands;
    }

    public List<RoutedEdge> edges() {
        return edges;
    }

    public boolean isPinned(DiagramNodeRef ref) {
        return pinned.contains(ref);
    }

    /** Everything drawn: bands, nodes and edge routes. */
    public Rect bounds() {
        Rect b = null;
        for (Band band : bands) {
            b = band.area().union(b);
        }
        for (Rect r : rects.values()) {
            b = r.union(b);
        }
        for (RoutedEdge e : edges) {
            for (Point p : e.points()) {
                b = new Rect(p.x(), p.y(), 0, 0).union(b);
            }
        }
        return b == null ? new Rect(0, 0, 0, 0) : b;
    }

    /**
     * The topmost node at a diagram point: a VM before the host around it. Null when the point
     * hits only background.
     */
    public DiagramNodeRef hit(double x, double y) {
        DiagramNodeRef found = null;
        for (DiagramNodeRef ref : graph.refs()) {
            Rect r = rects.get(ref);
            if (r != null && r.contains(x, y)) {
                if (ref.kind() == NodeKind.VM) {
                    return ref;
                }
                found = ref;
            }
        }
        return found;
    }

    /**
     * Moves a node (a host with its VMs) by the offset, as a drag does, and re-routes edges. A VM
     * stays inside its host: the move is clamped to the host's interior.
     */
    public void moveBy(DiagramNodeRef ref, double dx, double dy) {
        Rect r = rects.get(ref);
        if (r == null) {
            return;
        }
        TopologyNode node = graph.node(ref);
        if (node.parent() != null) {
            Rect host = rects.get(node.parent());
            Rect inner = TopologyLayouter.interior(host);
            double nx = clamp(r.x() + dx, inner.x(), inner.right() - r.w());
            double ny = clamp(r.y() + dy, inner.y(), inner.bottom() - r.h());
            rects.put(ref, r.at(nx, ny));
        } else {
            rects.put(ref, r.moved(dx, dy));
            for (DiagramNodeRef child : graph.children(ref)) {
                rects.computeIfPresent(child, (k, c) -> c.moved(dx, dy));
            }
        }
        edges = router.route(graph, rects);
        version++;
    }

    /** Counts the moves made since layout, so caches of the picture know when it changed. */
    public int version() {
        return version;
    }

    /** The position to store as a pin: absolute for top-level nodes, relative to the host for a VM. */
    public Point pinPosition(DiagramNodeRef ref) {
        Rect r = rects.get(ref);
        TopologyNode node = graph.node(ref);
        if (node.parent() != null) {
            Rect host = rects.get(node.parent());
            return new Point(r.x() - host.x(), r.y() - host.y());
        }
        return new Point(r.x(), r.y());
    }

    /** Nodes whose rectangles intersect the area, in drawing order (hosts before their VMs). */
    public List<DiagramNodeRef> visible(Rect area) {
        List<DiagramNodeRef> out = new ArrayList<>();
        for (DiagramNodeRef ref : graph.refs()) {
            Rect r = rects.get(ref);
            if (r != null && r.intersects(area)) {
                out.add(ref);
            }
        }
        return out;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(v, Math.max(lo, hi)));
    }
}
