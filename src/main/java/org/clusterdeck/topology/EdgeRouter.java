package org.clusterdeck.topology;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Routes the diagram's edges orthogonally after the nodes are placed. Load-balancer edges drop
 * into their own horizontal channel between the service band and the hosts, then into the VM;
 * database edges rise through a channel below the hosts. ELK lays out each host separately
 * (SEPARATE_CHILDREN), which drops edges that cross a host's border, so those are routed here.
 */
final class EdgeRouter {
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
            if (e.from().kind() == NodeKind.LOAD_BALANCER) {
                double cy = channel(lbChannelTop, lbChannelBottom, channelIndex.get(e.from()), lbs);
                out.add(new DiagramLayout.RoutedEdge(e, List.of(new Point(sx, a.bottom()), new Point(sx, cy),
                        new Point(ex, cy), new Point(ex, b.y())), e.label() == null ? null : new Point(ex, cy - 5)));
            } else {
                double cy = channel(dbChannelTop, dbChannelBottom, channelIndex.get(e.from()), dbs);
                out.add(new DiagramLayout.RoutedEdge(e, List.of(new Point(sx, a.y()), new Point(sx, cy),
                        new Point(ex, cy), new Point(ex, b.bottom())), null));
            }
        }
        return out;
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
