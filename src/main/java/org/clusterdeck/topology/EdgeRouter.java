package org.clusterdeck.topology;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Routes the diagram's edges orthogonally after the nodes are placed. Load-balancer edges drop
 * into their own horizontal channel between the service band and the hosts, run down the gutter
 * beside the target's host and enter the VM from just above the host; database edges do the same
 * from a channel below the hosts. ELK lays out each host separately
 * (SEPARATE_CHILDREN), which drops edges that cross a host's border, so those are routed here.
 */
final class EdgeRouter {
    /** How far left of a host its gutter runs, and how far above it the gap line. */
    static final double GUTTER = 12;
    static final double GAP = 9;

    private final double lbChannelTop;
    private final double lbChannelBottom;
    private final double dbChannelTop;
    private final double dbChannelBottom;

    EdgeRouter(double lbChannelTop, double lbChannelBottom, double dbChannelTop, double dbChannelBottom) {
        this.lbChannelTop = lbChannelTop;
        this.lbChannelBottom = lbChannelBottom;
        this.dbChannelTop = dbChannelTop;
        this.dbChannelBottom = dbChannelBottom;
    }

    List<DiagramLayout.RoutedEdge> route(TopologyGraph graph, Map<DiagramNodeRef, Rect> rects) {
        Map<DiagramNodeRef, Integer> channelIndex = new HashMap<>();
        int lbs = 0;
        int dbs = 0;
        for (TopologyNode n : graph.nodes(NodeKind.LOAD_BALANCER)) {
            channelIndex.put(n.ref(), lbs++);
        }
        for (TopologyNode n : graph.nodes(NodeKind.DATABASE)) {
            channelIndex.put(n.ref(), dbs++);
        }
        Map<DiagramNodeRef, Integer> outCount = new HashMap<>();
        Map<DiagramNodeRef, Integer> inCount = new HashMap<>();
        for (TopologyEdge e : graph.edges()) {
            if (e.kind() != EdgeKind.REPLICATION) {
                outCount.merge(e.from(), 1, Integer::sum);
                inCount.merge(e.to(), 1, Integer::sum);
            }
        }
        Map<DiagramNodeRef, Integer> outSeen = new HashMap<>();
        Map<DiagramNodeRef, Integer> inSeen = new HashMap<>();
        List<DiagramLayout.RoutedEdge> out = new ArrayList<>(graph.edges().size());
        List<Rect> hosts = new ArrayList<>();
        for (TopologyNode h : graph.nodes(NodeKind.HOST)) {
            hosts.add(rects.get(h.ref()));
        }
        for (TopologyEdge e : graph.edges()) {
            Rect a = rects.get(e.from());
            Rect b = rects.get(e.to());
            if (a == null || b == null) {
                continue;
            }
            if (e.kind() == EdgeKind.REPLICATION) {
                out.add(replication(e, a, b));
                continue;
            }
            double sx = spread(a, outSeen.merge(e.from(), 1, Integer::sum), outCount.get(e.from()));
            double ex = spread(b, inSeen.merge(e.to(), 1, Integer::sum), inCount.get(e.to()));
            Rect host = hostOf(graph, e.to(), rects);
            if (e.from().kind() == NodeKind.LOAD_BALANCER) {
                double cy = channel(lbChannelTop, lbChannelBottom, channelIndex.get(e.from()), lbs);
                boolean clear = host == null || clearDrop(ex, cy, host.y(), hosts, host);
                out.add(viaGutter(e, new Point(sx, a.bottom()), cy, clear ? null : host, new Point(ex, b.y()), true));
            } else {
                double cy = channel(dbChannelTop, dbChannelBottom, channelIndex.get(e.from()), dbs);
                boolean clear = host == null || clearDrop(ex, host.bottom(), cy, hosts, host);
                out.add(viaGutter(e, new Point(sx, a.y()), cy, clear ? null : host, new Point(ex, b.bottom()), false));
            }
        }
        return out;
    }

    /**
     * From the service into its channel, then straight into the VM when nothing is in the way
     * ({@code host} null); otherwise along the channel to the gutter left of the VM's host, along
     * the gutter to the gap just above (or below) that host, then into the VM, so the edge never
     * crosses another host. The label sits over the VM it is about.
     */
    private static DiagramLayout.RoutedEdge viaGutter(TopologyEdge e, Point start, double channelY, Rect host,
                                                      Point end, boolean fromAbove) {
        if (host == null) {
            return new DiagramLayout.RoutedEdge(e, List.of(start, new Point(start.x(), channelY),
                    new Point(end.x(), channelY), end), e.label() == null ? null : new Point(end.x(), channelY - 5));
        }
        double gutterX = host.x() - GUTTER;
        double gapY = fromAbove ? host.y() - GAP : host.bottom() + GAP;
        List<Point> pts = List.of(start, new Point(start.x(), channelY), new Point(gutterX, channelY),
                new Point(gutterX, gapY), new Point(end.x(), gapY), end);
        return new DiagramLayout.RoutedEdge(e, pts, e.label() == null ? null : new Point(end.x(), gapY + 4));
    }

    /** Whether a vertical line at x between y0 and y1 passes no host but the target's own. */
    private static boolean clearDrop(double x, double y0, double y1, List<Rect> hosts, Rect own) {
        Rect line = new Rect(x - 1, Math.min(y0, y1), 2, Math.abs(y1 - y0));
        for (Rect h : hosts) {
            if (h != own && h.intersects(line)) {
                return false;
            }
        }
        return true;
    }

    private static Rect hostOf(TopologyGraph graph, DiagramNodeRef ref, Map<DiagramNodeRef, Rect> rects) {
        TopologyNode n = graph.node(ref);
        return n == null || n.parent() == null ? null : rects.get(n.parent());
    }

    private static DiagramLayout.RoutedEdge replication(TopologyEdge e, Rect a, Rect b) {
        List<Point> pts;
        if (Math.abs(a.centerY() - b.centerY()) < a.h() / 2) {
            boolean rightwards = b.x() >= a.right();
            double sx = rightwards ? a.right() : a.x();
            double ex = rightwards ? b.x() : b.right();
            double y = (Math.max(a.y(), b.y()) + Math.min(a.bottom(), b.bottom())) / 2;
            pts = List.of(new Point(sx, y), new Point(ex, y));
            return new DiagramLayout.RoutedEdge(e, pts, new Point((sx + ex) / 2, y - 6));
        }
        boolean down = b.y() >= a.bottom();
        double sy = down ? a.bottom() : a.y();
        double ey = down ? b.y() : b.bottom();
        double my = (sy + ey) / 2;
        pts = List.of(new Point(a.centerX(), sy), new Point(a.centerX(), my), new Point(b.centerX(), my),
                new Point(b.centerX(), ey));
        return new DiagramLayout.RoutedEdge(e, pts, new Point((a.centerX() + b.centerX()) / 2, my - 6));
    }

    /** The i-th (1-based) of n attachment points spread along the rectangle's width. */
    private static double spread(Rect r, int i, int n) {
        return r.x() + r.w() * i / (n + 1.0);
    }

    private static double channel(double top, double bottom, int index, int count) {
        return top + (bottom - top) * (index + 1) / (count + 1.0);
    }
}
