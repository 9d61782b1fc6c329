package org.clusterdeck.topology;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.elk.alg.layered.components.ComponentOrderingStrategy;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.math.ElkPadding;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.HierarchyHandling;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

/**
 * Lays a {@link TopologyGraph} out in three bands, top to bottom: load balancers (service layer),
 * hosts holding their VMs (physical and virtualization layers), databases (application layer).
 * Each host is sized around a grid of its VMs; ELK ({@code layered}) packs the hosts into rows in
 * model order, aiming at the given aspect ratio. Edges are routed by {@link EdgeRouter}. Pinned
 * nodes keep their stored position; other nodes move aside so nothing overlaps.
 */
public final class TopologyLayouter {
    public static final double VM_W = 204;
    public static final double VM_H = 64;
    public static final double HOST_HEADER = 58;
    public static final double HOST_PAD = 14;
    public static final double SERVICE_W = 236;
    static final double VM_GAP = 12;
    static final double SERVICE_GAP = 110;
    public static final double SERVICE_H = 68;
    static final double SPACING = 28;
    static final double BAND_PAD = 24;
    static final double BAND_TITLE = 46;

    private final double aspectRatio;

    public TopologyLayouter() {
        this(1.6);
    }

    /** @param aspectRatio width/height the host band aims for (a projector is 16:10 or 16:9). */
    public TopologyLayouter(double aspectRatio) {
        this.aspectRatio = aspectRatio;
    }

    /** Runs one small layout so ELK's first, slow run (class loading, JIT) happens in the background. */
    public static void warmUp() {
        List<TopologyNode> nodes = new ArrayList<>();
        for (int h = 1; h <= 6; h++) {
            nodes.add(new TopologyNode(DiagramNodeRef.host(h), null, "h" + h, "", "", "", NodeState.NONE, List.of()));
            for (int v = 0; v < 4; v++) {
                nodes.add(new TopologyNode(DiagramNodeRef.vm(h * 10L + v), DiagramNodeRef.host(h), "v", "", "", "web",
                        NodeState.RUNNING, List.of()));
            }
        }
        new TopologyLayouter().layout(new TopologyGraph(0, "warm-up", nodes, List.of()), Map.of());
    }

    /** Lays the graph out; {@code pins} are absolute for top-level nodes and host-relative for VMs. */
    public DiagramLayout layout(TopologyGraph graph, Map<DiagramNodeRef, Point> pins) {
        Map<DiagramNodeRef, Rect> rects = new LinkedHashMap<>();
        List<TopologyNode> hosts = graph.nodes(NodeKind.HOST);
        Rect hostContent = layoutHosts(graph, hosts, rects);
        double rowWidth = Math.max(hostContent.w(), 3 * SERVICE_W + 2 * SPACING);

        List<DiagramNodeRef> lbs = graph.nodes(NodeKind.LOAD_BALANCER).stream().map(TopologyNode::ref).toList();
        List<DiagramNodeRef> dbs = databasesInReplicationOrder(graph);
        Map<DiagramNodeRef, Rect> lbRects = rows(lbs, rowWidth);
        Map<DiagramNodeRef, Rect> dbRects = rows(dbs, rowWidth);
        Rect lbContent = extent(lbRects.values());
        Rect dbContent = extent(dbRects.values());

        double width = Math.max(rowWidth, Math.max(lbContent.w(), dbContent.w())) + 2 * BAND_PAD;
        double lbGap = SPACING + 10 * Math.min(lbs.size(), 24);
        double dbGap = SPACING + 8 * Math.min(dbs.size(), 24);
        double y = 0;
        double serviceTop = y;
        if (!lbs.isEmpty()) {
            place(lbRects, lbContent, width, y + BAND_TITLE, rects);
            y += BAND_TITLE + lbContent.h() + BAND_PAD + lbGap;
        }
        double lbChannelTop = lbs.isEmpty() ? y : y - lbGap;
        double hostTop = y;
        placeHosts(graph, hosts, rects, hostContent, width, y + BAND_TITLE);
        y += BAND_TITLE + hostContent.h() + BAND_PAD;
        double dbChannelTop = y;
        y += dbGap;
        double dbTop = y;
        if (!dbs.isEmpty()) {
            place(dbRects, dbContent, width, y + BAND_TITLE, rects);
        }

        Set<DiagramNodeRef> pinned = applyPins(graph, pins, rects);
        List<DiagramLayout.Band> bands = new ArrayList<>();
        addBand(bands, "Service · load balancing", "nginx load balancers and their backends",
                List.of(Layer.SERVICE), lbs, rects, pinned, serviceTop, width);
        addBand(bands, "Physical infrastructure · Virtualization", "hosts, each holding its VMs",
                List.of(Layer.PHYSICAL, Layer.VIRTUALIZATION), hosts.stream().map(TopologyNode::ref).toList(),
                rects, pinned, hostTop, width);
        addBand(bands, "Application · data", "databases and replication", List.of(Layer.APPLICATION), dbs, rects,
                pinned, dbTop, width);
        EdgeRouter router = new EdgeRouter(lbChannelTop, hostTop, dbChannelTop, dbTop);
        return new DiagramLayout(graph, rects, bands, pinned, router);
    }

    /** The area inside a host where its VMs may sit. */
    public static Rect interior(Rect host) {
        return new Rect(host.x() + HOST_PAD, host.y() + HOST_HEADER, host.w() - 2 * HOST_PAD,
                host.h() - HOST_HEADER - HOST_PAD);
    }

    /**
     * Sizes each host around a grid of its VMs, then lets ELK pack the hosts into rows in model
     * order (layered places unconnected components in rows; the aspect ratio sets the row width).
     * Returns the extent of the host band's content; rects are relative to it.
     */
    private Rect layoutHosts(TopologyGraph graph, List<TopologyNode> hosts, Map<DiagramNodeRef, Rect> rects) {
        if (hosts.isEmpty()) {
            return new Rect(0, 0, 0, 0);
        }
        Map<DiagramNodeRef, Rect> local = new HashMap<>();
        double area = 0;
        double widthSum = 0;
        double heightSum = 0;
        for (TopologyNode h : hosts) {
            Rect size = layoutVms(h, graph.children(h.ref()), local);
            local.put(h.ref(), size);
            area += size.w() * size.h();
            widthSum += size.w() + SPACING;
            heightSum += size.h() + SPACING;
        }
        int n = hosts.size();
        double avgW = widthSum / n;
        double avgH = heightSum / n;
        // aim for a band about as wide as a projector is (16:10), a few hosts side by side at least
        int cols = n <= 4 ? n : (int) Math.max(4, Math.round(Math.sqrt(n * aspectRatio * avgH / avgW)));
        // ELK's row placer wraps at sqrt(sum of areas) * aspect ratio
        double rowWidth = cols * avgW - SPACING + avgW / 4;

        ElkNode root = ElkGraphUtil.createGraph();
        root.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
        root.setProperty(CoreOptions.HIERARCHY_HANDLING, HierarchyHandling.SEPARATE_CHILDREN);
        root.setProperty(CoreOptions.ASPECT_RATIO, rowWidth / Math.sqrt(area));
        root.setProperty(CoreOptions.PADDING, new ElkPadding(0));
        root.setProperty(CoreOptions.SPACING_COMPONENT_COMPONENT, SPACING);
        root.setProperty(LayeredOptions.CONSIDER_MODEL_ORDER_COMPONENTS, ComponentOrderingStrategy.MODEL_ORDER);
        Map<DiagramNodeRef, ElkNode> elk = new HashMap<>();
        for (TopologyNode h : hosts) {
            ElkNode hn = ElkGraphUtil.createNode(root);
            Rect size = local.get(h.ref());
            hn.setDimensions(size.w(), size.h());
            elk.put(h.ref(), hn);
        }
        new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor());
        Rect extent = null;
        for (TopologyNode h : hosts) {
            ElkNode hn = elk.get(h.ref());
            Rect hr = new Rect(hn.getX(), hn.getY(), hn.getWidth(), hn.getHeight());
            rects.put(h.ref(), hr);
            extent = hr.union(extent);
            for (DiagramNodeRef vm : graph.children(h.ref())) {
                rects.put(vm, local.get(vm).moved(hr.x(), hr.y()));
            }
        }
        return extent;
    }

    /**
     * Places a host's VMs in a grid (one or two side by side, about square for many) below the
     * host's header; VM rects go into {@code local} relative to the host. Returns the host's size.
     */
    private static Rect layoutVms(TopologyNode host, List<DiagramNodeRef> vms, Map<DiagramNodeRef, Rect> local) {
        double minW = Math.max(VM_W + 2 * HOST_PAD, 56 + 8.6 * (host.name().length() + host.subtitle().length()));
        minW = Math.max(minW, 50 + 6.6 * host.detail().length());
        if (vms.isEmpty()) {
            return new Rect(0, 0, minW, HOST_HEADER + 30);
        }
        int cols = (int) Math.max(1, Math.round(Math.sqrt(vms.size() * 1.5)));
        int rowsNeeded = (vms.size() + cols - 1) / cols;
        for (int i = 0; i < vms.size(); i++) {
            local.put(vms.get(i), new Rect(HOST_PAD + (i % cols) * (VM_W + VM_GAP),
                    HOST_HEADER + (i / cols) * (VM_H + VM_GAP), VM_W, VM_H));
        }
        double w = 2 * HOST_PAD + cols * VM_W + (cols - 1) * VM_GAP;
        double h = HOST_HEADER + rowsNeeded * VM_H + (rowsNeeded - 1) * VM_GAP + HOST_PAD;
        return new Rect(0, 0, Math.max(w, minW), h);
    }

    private static void placeHosts(TopologyGraph graph, List<TopologyNode> hosts, Map<DiagramNodeRef, Rect> rects,
                                   Rect content, double width, double top) {
        double dx = (width - content.w()) / 2 - content.x();
        double dy = top - content.y();
        for (TopologyNode h : hosts) {
            rects.computeIfPresent(h.ref(), (k, r) -> r.moved(dx, dy));
            for (DiagramNodeRef vm : graph.children(h.ref())) {
                rects.computeIfPresent(vm, (k, r) -> r.moved(dx, dy));
            }
        }
    }

    private static List<DiagramNodeRef> databasesInReplicationOrder(TopologyGraph graph) {
        Map<DiagramNodeRef, List<DiagramNodeRef>> replicas = new HashMap<>();
        Set<DiagramNodeRef> isReplica = new HashSet<>();
        for (TopologyEdge e : graph.edges()) {
            if (e.kind() == EdgeKind.REPLICATION) {
                replicas.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e.to());
                isReplica.add(e.to());
            }
        }
        List<DiagramNodeRef> order = new ArrayList<>();
        Set<DiagramNodeRef> seen = new HashSet<>();
        List<DiagramNodeRef> all = graph.nodes(NodeKind.DATABASE).stream().map(TopologyNode::ref).toList();
        for (DiagramNodeRef d : all) {
            if (!isReplica.contains(d)) {
                visit(d, replicas, seen, order);
            }
        }
        for (DiagramNodeRef d : all) {
            visit(d, replicas, seen, order); // replication cycles have no root; keep them anyway
        }
        return order;
    }

    private static void visit(DiagramNodeRef d, Map<DiagramNodeRef, List<DiagramNodeRef>> replicas,
                              Set<DiagramNodeRef> seen, List<DiagramNodeRef> order) {
        if (seen.add(d)) {
            order.add(d);
            for (DiagramNodeRef r : replicas.getOrDefault(d, List.of())) {
                visit(r, replicas, seen, order);
            }
        }
    }

    /** Service-sized boxes in rows no wider than {@code maxWidth}; each row centred on the widest. */
    private static Map<DiagramNodeRef, Rect> rows(List<DiagramNodeRef> refs, double maxWidth) {
        Map<DiagramNodeRef, Rect> out = new LinkedHashMap<>();
        int perRow = Math.max(1, (int) ((maxWidth + SERVICE_GAP) / (SERVICE_W + SERVICE_GAP)));
        int rowsNeeded = (refs.size() + perRow - 1) / Math.max(1, perRow);
        for (int i = 0; i < refs.size(); i++) {
            int row = i / perRow;
            int inRow = row == rowsNeeded - 1 ? refs.size() - row * perRow : perRow;
            double rowW = inRow * SERVICE_W + (inRow - 1) * SERVICE_GAP;
            double fullW = Math.min(refs.size(), perRow) * SERVICE_W + (Math.min(refs.size(), perRow) - 1) * SERVICE_GAP;
            double x = (fullW - rowW) / 2 + (i % perRow) * (SERVICE_W + SERVICE_GAP);
            out.put(refs.get(i), new Rect(x, row * (SERVICE_H + SPACING), SERVICE_W, SERVICE_H));
        }
        return out;
    }

    private static void place(Map<DiagramNodeRef, Rect> local, Rect content, double width, double top,
                              Map<DiagramNodeRef, Rect> rects) {
        double dx = (width - content.w()) / 2 - content.x();
        local.forEach((ref, r) -> rects.put(ref, r.moved(dx, top - content.y())));
    }

    private static Rect extent(Iterable<Rect> rs) {
        Rect e = null;
        for (Rect r : rs) {
            e = r.union(e);
        }
        return e == null ? new Rect(0, 0, 0, 0) : e;
    }

    private static void addBand(List<DiagramLayout.Band> bands, String title, String hint, List<Layer> layers,
                                List<DiagramNodeRef> members, Map<DiagramNodeRef, Rect> rects,
                                Set<DiagramNodeRef> pinned, double top, double width) {
        if (members.isEmpty()) {
            return;
        }
        List<Rect> free = members.stream().filter(m -> !pinned.contains(m)).map(rects::get).toList();
        Rect content = extent(free.isEmpty() ? members.stream().map(rects::get).toList() : free);
        double right = Math.max(width, content.right() + BAND_PAD);
        double left = Math.min(0, content.x() - BAND_PAD);
        double bandTop = Math.min(top, content.y() - BAND_TITLE);
        bands.add(new DiagramLayout.Band(title, hint, layers,
                new Rect(left, bandTop, right - left, content.bottom() + BAND_PAD - bandTop)));
    }

    private static Set<DiagramNodeRef> applyPins(TopologyGraph graph, Map<DiagramNodeRef, Point> pins,
                                                 Map<DiagramNodeRef, Rect> rects) {
        Set<DiagramNodeRef> pinned = new HashSet<>();
        for (DiagramNodeRef ref : pins.keySet()) {
            if (rects.containsKey(ref)) {
                pinned.add(ref);
            }
        }
        if (pinned.isEmpty()) {
            return pinned;
        }
        PinResolver.apply(graph, pins, pinned, rects);
        return pinned;
    }
}
