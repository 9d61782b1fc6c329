package org.clusterdeck.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Checks every laid-out diagram must pass: no overlaps, VMs inside hosts, edges on their nodes. */
final class LayoutAssertions {
    private LayoutAssertions() {
    }

    static void assertWellFormed(DiagramLayout layout) {
        TopologyGraph g = layout.graph();
        List<DiagramNodeRef> topLevel = new ArrayList<>();
        for (TopologyNode n : g.nodes()) {
            assertThat(layout.rect(n.ref())).as("position of %s", n.name()).isNotNull();
            if (n.parent() == null) {
                topLevel.add(n.ref());
            } else {
                Rect host = TopologyLayouter.interior(layout.rect(n.parent()));
                assertThat(host.encloses(layout.rect(n.ref())))
                        .as("VM %s %s inside host %s", n.name(), layout.rect(n.ref()), host).isTrue();
            }
        }
        assertNoOverlaps(layout, topLevel, "top-level nodes");
        for (TopologyNode h : g.nodes(NodeKind.HOST)) {
            assertNoOverlaps(layout, g.children(h.ref()), "VMs of " + h.name());
        }
        for (DiagramLayout.RoutedEdge e : layout.edges()) {
            List<Point> pts = e.points();
            assertThat(onBorder(layout.rect(e.edge().from()), pts.get(0)))
                    .as("edge %s starts on its source", e.edge()).isTrue();
            assertThat(onBorder(layout.rect(e.edge().to()), pts.get(pts.size() - 1)))
                    .as("edge %s ends on its target", e.edge()).isTrue();
            for (int i = 1; i < pts.size(); i++) {
                Point a = pts.get(i - 1);
                Point b = pts.get(i);
                assertThat(a.x() == b.x() || a.y() == b.y()).as("edge %s is orthogonal", e.edge()).isTrue();
            }
        }
    }

    /** Sweep over x so that 10,000 nodes are checked without comparing every pair. */
    static void assertNoOverlaps(DiagramLayout layout, List<DiagramNodeRef> refs, String what) {
        List<DiagramNodeRef> sorted = new ArrayList<>(refs);
        sorted.sort(Comparator.comparingDouble(r -> layout.rect(r).x()));
        for (int i = 0; i < sorted.size(); i++) {
            Rect a = layout.rect(sorted.get(i));
            for (int j = i + 1; j < sorted.size() && layout.rect(sorted.get(j)).x() < a.right(); j++) {
                Rect b = layout.rect(sorted.get(j));
                assertThat(a.intersects(b)).as("%s: %s %s overlaps %s %s", what, sorted.get(i), a, sorted.get(j), b)
                        .isFalse();
            }
        }
    }

    static boolean onBorder(Rect r, Point p) {
        double eps = 0.01;
        boolean inX = p.x() >= r.x() - eps && p.x() <= r.right() + eps;
        boolean inY = p.y() >= r.y() - eps && p.y() <= r.bottom() + eps;
        boolean onVertical = Math.abs(p.x() - r.x()) < eps || Math.abs(p.x() - r.right()) < eps;
        boolean onHorizontal = Math.abs(p.y() - r.y()) < eps || Math.abs(p.y() - r.bottom()) < eps;
        return inX && inY && (onVertical || onHorizontal);
    }
}
