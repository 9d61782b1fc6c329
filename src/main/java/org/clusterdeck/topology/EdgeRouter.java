package org.clusterdeck.topology;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Routes the diagram's edges orthogonally after the nodes are placed, never through a box the
 * edge does not connect to (only the target VM's own host is entered). Load-balancer edges drop
 * into their own horizontal channel between the service band and the hosts; from there they cross
 * each row of hosts through a free gap (moving sideways along the street between rows when the
 * straight line is blocked), and enter the VM from above, or, when a VM of the same host sits
 * above it, along the gutter beside the host into the street between that host's VM rows.
 * Database edges do the same from a channel below the hosts (the same code on the mirrored
 * picture). ELK lays out each host separately (SEPARATE_CHILDREN), which drops edges that cross
 * a host's border, so those are routed here.
 */
final class EdgeRouter {
    /** How far beside a host its gutter runs. */
    static final double GUTTER = 12;
    /** Clearance kept between a route and a box it passes. */
    static final double CLEARANCE = 2;

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
        Scene down = new Scene(graph, rects, false);
        Scene up = null; // the mirrored picture, built when the first database edge needs it
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
                out.add(down.route(e, sx, ex, cy));
            } else {
                if (up == null) {
                    up = new Scene(graph, rects, true);
                }
                double cy = channel(dbChannelTop, dbChannelBottom, channelIndex.get(e.from()), dbs);
                out.add(up.route(e, sx, ex, -cy));
            }
        }
        return out;
    }

    /** Boxes merged into horizontal bands: a line between two bands passes no box at all. */
    private record Band(double top, double bottom, List<Rect> members) {
    }

    /**
     * The picture an edge is routed in, always from a source above to a target below; database
     * edges route in the mirrored picture (y negated) and are mirrored back.
     */
    private static final class Scene {
        private final TopologyGraph graph;
        private final boolean mirrored;
        private final Map<DiagramNodeRef, Rect> rects = new HashMap<>();
        private final List<Band> bands;

        Scene(TopologyGraph graph, Map<DiagramNodeRef, Rect> original, boolean mirrored) {
            this.graph = graph;
            this.mirrored = mirrored;
            List<Rect> topLevel = new ArrayList<>();
            for (Map.Entry<DiagramNodeRef, Rect> en : original.entrySet()) {
                Rect r = en.getValue();
                Rect m = mirrored ? new Rect(r.x(), -r.bottom(), r.w(), r.h()) : r;
                rects.put(en.getKey(), m);
                TopologyNode n = graph.node(en.getKey());
                if (n != null && n.parent() == null) {
                    topLevel.add(m);
                }
            }
            bands = bands(topLevel);
        }

        DiagramLayout.RoutedEdge route(TopologyEdge e, double sx, double ex, double channelY) {
            Rect a = rects.get(e.from());
            Rect b = rects.get(e.to());
            TopologyNode target = graph.node(e.to());
            Rect host = target == null || target.parent() == null ? null : rects.get(target.parent());
            Rect container = host == null ? b : host;
            List<Point> pts = new ArrayList<>();
            Point cur = new Point(sx, a.bottom());
            pts.add(cur);
            // down from the source to its channel, around boxes of the service rows below it
            cur = descend(cur, channelY, cur.x(), pts, a, container);
            pts.add(new Point(cur.x(), channelY));
            double channelStartX = cur.x();
            // where the edge leaves the channel: above the target, or at the gutter of its host
            List<Rect> siblingsAbove = host == null ? List.of() : siblingsAbove(target, b, ex);
            double entryX = ex;
            double innerY = 0;
            Band hostBand = bandOf(container);
            if (!siblingsAbove.isEmpty()) {
                double lowest = siblingsAbove.stream().mapToDouble(Rect::bottom).max().orElseThrow();
                innerY = (lowest + b.y()) / 2;
                entryX = gutter(host, hostBand, innerY);
            }
            pts.add(new Point(entryX, channelY));
            Point leave = new Point(entryX, channelY);
            cur = descend(leave, hostBand == null ? b.y() : hostBand.top(), entryX, pts, a, container);
            double streetY = streetAbove(hostBand, cur.y());
            if (streetY > cur.y()) {
                pts.add(new Point(cur.x(), streetY));
                cur = new Point(cur.x(), streetY);
            }
            pts.add(new Point(entryX, cur.y()));
            if (!siblingsAbove.isEmpty()) {
                pts.add(new Point(entryX, innerY));
                pts.add(new Point(ex, innerY));
            }
            pts.add(new Point(ex, b.y()));
            // over the target where the channel passes above it (a gutter at the picture's edge cuts it)
            double lo = Math.min(channelStartX, entryX);
            double hi = Math.max(channelStartX, entryX);
            double labelX = ex >= lo && ex <= hi ? ex : entryX;
            Point label = e.label() == null ? null : new Point(labelX, channelY - 5);
            return new DiagramLayout.RoutedEdge(e, out(pts), label == null ? null : out(label));
        }

        /**
         * Goes down from {@code p} towards {@code untilY}, through every band in between: straight
         * when the line is clear, otherwise sideways along the street above the band to its free
         * gap nearest {@code preferX}. Adds the corner points; returns where it stands.
         */
        private Point descend(Point p, double untilY, double preferX, List<Point> pts, Rect source, Rect container) {
            Point cur = p;
            double previousBottom = Double.NEGATIVE_INFINITY;
            for (Band band : bands) {
                if (band.top() < cur.y() - 0.01 || band.top() >= untilY) {
                    previousBottom = Math.max(previousBottom, band.bottom());
                    continue;
                }
                if (!clearVertical(cur.x(), cur.y(), band.bottom(), band.members(), source, container)) {
                    double sy = (Math.max(cur.y(), previousBottom) + band.top()) / 2;
                    double x = freeX(band, preferX, source, container);
                    pts.add(new Point(cur.x(), sy));
                    pts.add(new Point(x, sy));
                    cur = new Point(x, sy);
                }
                previousBottom = band.bottom();
            }
            return cur;
        }

        /** The middle of the street just above {@code band}, no higher than {@code from}. */
        private double streetAbove(Band band, double from) {
            if (band == null) {
                return from;
            }
            double previousBottom = from;
            for (Band other : bands) {
                if (other.bottom() <= band.top() && other.bottom() > previousBottom) {
                    previousBottom = other.bottom();
                }
            }
            return (previousBottom + band.top()) / 2;
        }

        private Band bandOf(Rect r) {
            for (Band band : bands) {
                if (band.members().contains(r)) {
                    return band;
                }
            }
            return null;
        }

        /** The target's sibling VMs that the straight drop at {@code ex} would cross, or every one above it. */
        private List<Rect> siblingsAbove(TopologyNode target, Rect b, double ex) {
            List<Rect> above = new ArrayList<>();
            boolean blocked = false;
            for (DiagramNodeRef s : graph.children(target.parent())) {
                Rect r = rects.get(s);
                if (r == null || s.equals(target.ref()) || r.bottom() > b.y()) {
                    continue;
                }
                above.add(r);
                blocked |= ex > r.x() - CLEARANCE && ex < r.right() + CLEARANCE;
            }
            return blocked ? above : List.of();
        }

        /** The gutter left of the host, or right of it when a neighbour stands in the way. */
        private double gutter(Rect host, Band band, double innerY) {
            double left = host.x() - GUTTER;
            if (band == null) {
                return left;
            }
            List<Rect> others = band.members().stream().filter(r -> r != host).toList();
            if (clearVertical(left, band.top() - CLEARANCE, innerY, others, null, null)) {
                return left;
            }
            double right = host.right() + GUTTER;
            return clearVertical(right, band.top() - CLEARANCE, innerY, others, null, null) ? right : left;
        }

        private Point out(Point p) {
            return mirrored ? new Point(p.x(), -p.y()) : p;
        }

        private List<Point> out(List<Point> pts) {
            List<Point> clean = new ArrayList<>(pts.size());
            for (Point p : pts) {
                Point q = out(p);
                if (!clean.isEmpty() && clean.get(clean.size() - 1).equals(q)) {
                    continue;
                }
                int n = clean.size();
                if (n >= 2 && collinear(clean.get(n - 2), clean.get(n - 1), q)) {
                    clean.set(n - 1, q);
                } else {
                    clean.add(q);
                }
            }
            return clean;
        }

        private static boolean collinear(Point a, Point b, Point c) {
            return (a.x() == b.x() && b.x() == c.x()) || (a.y() == b.y() && b.y() == c.y());
        }
    }

    /** Whether a vertical line at x from y0 to y1 keeps clear of every box but the two named. */
    private static boolean clearVertical(double x, double y0, double y1, List<Rect> boxes, Rect source,
                                         Rect container) {
        double lo = Math.min(y0, y1);
        double hi = Math.max(y0, y1);
        for (Rect r : boxes) {
            if (r == source || r == container) {
                continue;
            }
            if (x > r.x() - CLEARANCE && x < r.right() + CLEARANCE && hi > r.y() - CLEARANCE
                    && lo < r.bottom() + CLEARANCE) {
                return false;
            }
        }
        return true;
    }

    /** The x nearest {@code preferX} at which a vertical line crosses the band touching no box. */
    private static double freeX(Band band, double preferX, Rect source, Rect container) {
        List<double[]> spans = new ArrayList<>();
        for (Rect r : band.members()) {
            if (r != source && r != container) {
                spans.add(new double[] {r.x() - CLEARANCE, r.right() + CLEARANCE});
            }
        }
        spans.sort(Comparator.comparingDouble(s -> s[0]));
        List<double[]> merged = new ArrayList<>();
        for (double[] s : spans) {
            double[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && s[0] <= last[1]) {
                last[1] = Math.max(last[1], s[1]);
            } else {
                merged.add(s.clone());
            }
        }
        if (merged.isEmpty()) {
            return preferX;
        }
        double best = Double.NaN;
        double lo = Double.NEGATIVE_INFINITY;
        for (int i = 0; i <= merged.size(); i++) {
            double hi = i < merged.size() ? merged.get(i)[0] : Double.POSITIVE_INFINITY;
            double candidate = nearestIn(lo, hi, preferX);
            if (!Double.isNaN(candidate) && (Double.isNaN(best)
                    || Math.abs(candidate - preferX) < Math.abs(best - preferX))) {
                best = candidate;
            }
            if (i < merged.size()) {
                lo = merged.get(i)[1];
            }
        }
        return best;
    }

    /** The point of the gap (lo, hi) nearest x, a gutter's width inside it (its middle when narrow). */
    private static double nearestIn(double lo, double hi, double x) {
        if (hi <= lo) {
            return Double.NaN;
        }
        double inset = Math.min(GUTTER - CLEARANCE, (hi - lo) / 2);
        double a = lo + inset;
        double b = hi - inset;
        return Math.max(a, Math.min(b, x));
    }

    /** Boxes sorted top to bottom and merged where their heights overlap (or nearly touch). */
    private static List<Band> bands(List<Rect> boxes) {
        List<Rect> sorted = new ArrayList<>(boxes);
        sorted.sort(Comparator.comparingDouble(Rect::y));
        List<Band> out = new ArrayList<>();
        double top = 0;
        double bottom = Double.NEGATIVE_INFINITY;
        List<Rect> members = new ArrayList<>();
        for (Rect r : sorted) {
            if (!members.isEmpty() && r.y() >= bottom + 2 * CLEARANCE) {
                out.add(new Band(top, bottom, members));
                members = new ArrayList<>();
            }
            if (members.isEmpty()) {
                top = r.y();
                bottom = r.bottom();
            }
            members.add(r);
            bottom = Math.max(bottom, r.bottom());
        }
        if (!members.isEmpty()) {
            out.add(new Band(top, bottom, members));
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
