package org.clusterdeck.topology;

import java.util.List;
import java.util.Set;

/**
 * Draws a laid-out diagram on a {@link Painter}: bands, hosts, edges, VMs, services, labels,
 * then selection and search highlights. Only what meets the viewport is drawn, and far out the
 * text is left out, so panning a 10,000-VM cluster stays smooth.
 */
public final class DiagramRenderer {
    /** Below this zoom VM text is unreadable anyway: draw boxes and state stripes only. */
    static final double TEXT_MIN_SCALE = 0.32;
    static final double LABEL_MIN_SCALE = 0.5;

    private final DiagramTheme theme;
    private final NodePainter nodes;

    public DiagramRenderer(DiagramTheme theme) {
        this.theme = theme;
        this.nodes = new NodePainter(theme);
    }

    public DiagramTheme theme() {
        return theme;
    }

    /**
     * Draws the part of the diagram inside {@code viewport} (diagram coordinates) and returns how
     * many nodes it drew. {@code scale} is screen pixels per diagram unit (for the level of detail).
     */
    public int render(DiagramLayout layout, Painter p, Rect viewport, double scale, DiagramNodeRef selected,
                      Set<DiagramNodeRef> highlighted) {
        boolean text = scale >= TEXT_MIN_SCALE;
        for (DiagramLayout.Band band : layout.bands()) {
            Rect a = band.area();
            if (a.intersects(viewport)) {
                p.fillRect(a.x(), a.y(), a.w(), a.h(), 18, theme.bandFill());
                p.strokeRect(a.x(), a.y(), a.w(), a.h(), 18, theme.bandStroke(), 1, false);
                if (scale >= 0.15) {
                    p.text(band.title().toUpperCase(java.util.Locale.ROOT), a.x() + 18, a.y() + 23, 13, true,
                            theme.bandTitle(), Painter.Align.LEFT);
                    double tw = p.textWidth(band.title().toUpperCase(java.util.Locale.ROOT), 13, true);
                    p.text("— " + band.hint(), a.x() + 28 + tw, a.y() + 23, 12, false, theme.mutedText(),
                            Painter.Align.LEFT);
                }
            }
        }
        List<DiagramNodeRef> visible = layout.visible(viewport);
        TopologyGraph g = layout.graph();
        for (DiagramNodeRef ref : visible) {
            if (ref.kind() == NodeKind.HOST) {
                nodes.host(p, g.node(ref), layout.rect(ref), text || scale >= 0.15, layout.isPinned(ref));
            }
        }
        // edges run under the VM cards they pass, so a card's text is never crossed out
        for (DiagramLayout.RoutedEdge e : layout.edges()) {
            if (meets(e, viewport)) {
                edge(p, e, e.edge().kind() != EdgeKind.HOSTED_ON && scale >= LABEL_MIN_SCALE, viewport);
            }
        }
        for (DiagramNodeRef ref : visible) {
            TopologyNode n = g.node(ref);
            Rect r = layout.rect(ref);
            switch (ref.kind()) {
                case VM -> nodes.vm(p, n, r, text, layout.isPinned(ref));
                case LOAD_BALANCER, DATABASE -> nodes.service(p, n, r, scale >= 0.15, layout.isPinned(ref));
                default -> { }
            }
        }
        if (scale >= LABEL_MIN_SCALE) {
            List<Rect> placed = new java.util.ArrayList<>();
            for (DiagramLayout.RoutedEdge e : layout.edges()) {
                if (e.labelAt() != null && e.edge().label() != null && viewport.contains(e.labelAt().x(), e.labelAt().y())) {
                    edgeLabel(p, e, placed);
                }
            }
        }
        renderMarks(layout, p, viewport, scale, selected, highlighted);
        return visible.size();
    }

    /** Only the search highlights and the selection outline, for drawing over a cached picture. */
    public void renderMarks(DiagramLayout layout, Painter p, Rect viewport, double scale, DiagramNodeRef selected,
                            Set<DiagramNodeRef> highlighted) {
        // far out the rings keep a visible width on screen
        double ring = Math.max(4, 3 / scale);
        double outline = Math.max(3, 2.5 / scale);
        for (DiagramNodeRef ref : highlighted) {
            Rect r = layout.rect(ref);
            if (r != null && r.intersects(viewport)) {
                Rect h = r.grown(1 + ring);
                p.strokeRect(h.x(), h.y(), h.w(), h.h(), 12, theme.highlight(), ring, false);
            }
        }
        if (selected != null && layout.rect(selected) != null) {
            Rect s = layout.rect(selected).grown(outline);
            p.strokeRect(s.x(), s.y(), s.w(), s.h(), 11, theme.selection(), outline, false);
        }
    }

    private static boolean meets(DiagramLayout.RoutedEdge e, Rect viewport) {
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (Point pt : e.points()) {
            minX = Math.min(minX, pt.x());
            minY = Math.min(minY, pt.y());
            maxX = Math.max(maxX, pt.x());
            maxY = Math.max(maxY, pt.y());
        }
        return new Rect(minX, minY, maxX - minX + 1, maxY - minY + 1).intersects(viewport);
    }

    private void edge(Painter p, DiagramLayout.RoutedEdge e, boolean arrow, Rect viewport) {
        List<Point> pts = e.points();
        EdgeKind kind = e.edge().kind();
        String color = switch (kind) {
            case BACKEND -> theme.edgeBackend();
            case REPLICATION -> theme.edgeReplication();
            case HOSTED_ON -> theme.edgeHosted();
        };
        double width = (kind == EdgeKind.HOSTED_ON ? 1.2 : 2) * theme.strokeScale();
        boolean dashed = kind != EdgeKind.BACKEND;
        Rect clip = viewport.grown(10);
        if (pts.stream().allMatch(pt -> clip.contains(pt.x(), pt.y()))) {
            double[] xs = new double[pts.size()];
            double[] ys = new double[pts.size()];
            for (int i = 0; i < pts.size(); i++) {
                xs[i] = pts.get(i).x();
                ys[i] = pts.get(i).y();
            }
            p.polyline(xs, ys, color, width, dashed);
        } else {
            // long edges reach far off screen: draw only the visible piece of each segment
            // (rasterizers pay for the whole length otherwise)
            for (int i = 1; i < pts.size(); i++) {
                double[] seg = clipSegment(pts.get(i - 1), pts.get(i), clip);
                if (seg != null) {
                    p.polyline(new double[] {seg[0], seg[2]}, new double[] {seg[1], seg[3]}, color, width, dashed);
                }
            }
        }
        if (arrow && kind != EdgeKind.HOSTED_ON && pts.size() >= 2) {
            arrowHead(p, pts.get(pts.size() - 2), pts.get(pts.size() - 1), color);
        }
    }

    /** The part of segment a-b inside the rectangle (Liang–Barsky), or null when none is. */
    static double[] clipSegment(Point a, Point b, Rect r) {
        double dx = b.x() - a.x();
        double dy = b.y() - a.y();
        double t0 = 0;
        double t1 = 1;
        double[] p = {-dx, dx, -dy, dy};
        double[] q = {a.x() - r.x(), r.right() - a.x(), a.y() - r.y(), r.bottom() - a.y()};
        for (int i = 0; i < 4; i++) {
            if (p[i] == 0) {
                if (q[i] < 0) {
                    return null;
                }
            } else {
                double t = q[i] / p[i];
                if (p[i] < 0) {
                    t0 = Math.max(t0, t);
                } else {
                    t1 = Math.min(t1, t);
                }
            }
        }
        if (t0 > t1) {
            return null;
        }
        return new double[] {a.x() + t0 * dx, a.y() + t0 * dy, a.x() + t1 * dx, a.y() + t1 * dy};
    }

    static void arrowHead(Painter p, Point from, Point to, String color) {
        double dx = to.x() - from.x();
        double dy = to.y() - from.y();
        double len = Math.hypot(dx, dy);
        if (len < 1e-6) {
            return;
        }
        double ux = dx / len;
        double uy = dy / len;
        double size = 9;
        double bx = to.x() - ux * size;
        double by = to.y() - uy * size;
        p.fillPolygon(new double[] {to.x(), bx - uy * size / 2, bx + uy * size / 2},
                new double[] {to.y(), by + ux * size / 2, by - ux * size / 2}, color);
    }

    /** Draws an edge's label unless it would cover one already drawn (several balancers on one VM). */
    private void edgeLabel(Painter p, DiagramLayout.RoutedEdge e, List<Rect> placed) {
        String label = e.edge().label();
        double w = p.textWidth(label, 11, false) + 10;
        double x = e.labelAt().x();
        double y = e.labelAt().y();
        Rect box = new Rect(x - w / 2, y - 13, w, 17);
        for (Rect other : placed) {
            if (other.intersects(box)) {
                return;
            }
        }
        placed.add(box);
        p.fillRect(x - w / 2, y - 13, w, 17, 8, theme.labelFill());
        String color = e.edge().kind() == EdgeKind.REPLICATION ? theme.edgeReplication() : theme.edgeBackend();
        p.strokeRect(x - w / 2, y - 13, w, 17, 8, color, 1, false);
        p.text(label, x, y, 11, false, theme.text(), Painter.Align.CENTER);
    }

    /** Draws the legend of states, edges and layers with its top-left corner at (x, y); returns its size. */
    public Rect renderLegend(Painter p, double x, double y) {
        return new Legend(theme, nodes).render(p, x, y);
    }
}
