package org.clusterdeck.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.clusterdeck.store.DemoInventory;
import org.clusterdeck.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Edges never pass through a box they do not connect to: such a line reads as a connection that is not there. */
class EdgeRoutingGeometryTest {
    /** A segment closer than this to a foreign box counts as touching it. */
    private static final double MARGIN = 1;

    @Test
    void demoLabEdgesCrossNoForeignBox() {
        try (Store store = Store.inMemory("edge-geometry-demo")) {
            DemoInventory.seedIfEmpty(store);
            TopologyService service = new TopologyService(store);
            DiagramLayout layout = service.load(service.requireSite(DemoInventory.SITE_NAME));
            assertThat(crossings(layout)).isEmpty();
            // the edge that used to read as frontend -> app1: it must still reach web1
            TopologyGraph g = layout.graph();
            assertThat(layout.edges()).filteredOn(e -> e.edge().kind() == EdgeKind.BACKEND)
                    .extracting(e -> g.node(e.edge().to()).name()).contains("web1");
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void randomClustersEdgesCrossNoForeignBox(long seed) {
        Random rnd = new Random(seed);
        int hosts = 1 + rnd.nextInt(30);
        int vms = rnd.nextInt(hosts * 8 + 1);
        int lbs = rnd.nextInt(5);
        DiagramLayout layout = new TopologyLayouter().layout(SyntheticCluster.generate(hosts, vms, lbs, seed), Map.of());
        LayoutAssertions.assertWellFormed(layout);
        assertThat(crossings(layout)).as("%d hosts, %d VMs, %d load balancers", hosts, vms, lbs).isEmpty();
    }

    @Test
    void largeClusterEdgesCrossNoForeignBox() {
        DiagramLayout layout = new TopologyLayouter().layout(SyntheticCluster.generate(120, 900, 8, 99), Map.of());
        assertThat(crossings(layout)).isEmpty();
    }

    @Test
    void checkerSeesASegmentThroughABox() {
        Rect box = new Rect(10, 10, 20, 20);
        assertThat(intersects(box, new Point(0, 20), new Point(40, 20))).isTrue();
        assertThat(intersects(box, new Point(20, 0), new Point(20, 5))).isFalse();
        assertThat(intersects(box, new Point(20, 0), new Point(20, 9.5))).as("within the margin").isTrue();
        assertThat(intersects(box, new Point(31.5, 0), new Point(31.5, 40))).isFalse();
    }

    /** Every edge segment that meets a box other than its endpoints and their hosts. */
    static List<String> crossings(DiagramLayout layout) {
        TopologyGraph g = layout.graph();
        List<String> bad = new ArrayList<>();
        for (DiagramLayout.RoutedEdge e : layout.edges()) {
            Set<DiagramNodeRef> allowed = new HashSet<>();
            for (DiagramNodeRef end : List.of(e.edge().from(), e.edge().to())) {
                allowed.add(end);
                TopologyNode n = g.node(end);
                if (n != null && n.parent() != null) {
                    allowed.add(n.parent());
                }
            }
            List<Point> pts = e.points();
            for (TopologyNode n : g.nodes()) {
                if (allowed.contains(n.ref())) {
                    continue;
                }
                Rect r = layout.rect(n.ref());
                for (int i = 1; i < pts.size(); i++) {
                    if (intersects(r, pts.get(i - 1), pts.get(i))) {
                        bad.add(name(g, e.edge().from()) + " -> " + name(g, e.edge().to()) + " segment " + pts.get(i - 1)
                                + "–" + pts.get(i) + " crosses " + n.name() + " " + r);
                    }
                }
            }
        }
        return bad;
    }

    private static String name(TopologyGraph g, DiagramNodeRef ref) {
        return g.node(ref) == null ? ref.toString() : g.node(ref).name();
    }

    /** Whether the segment a–b comes within MARGIN of the box (Liang–Barsky clipping on the grown box). */
    static boolean intersects(Rect box, Point a, Point b) {
        Rect r = box.grown(MARGIN);
        double t0 = 0;
        double t1 = 1;
        double dx = b.x() - a.x();
        double dy = b.y() - a.y();
        double[] p = {-dx, dx, -dy, dy};
        double[] q = {a.x() - r.x(), r.right() - a.x(), a.y() - r.y(), r.bottom() - a.y()};
        for (int i = 0; i < 4; i++) {
            if (p[i] == 0) {
                if (q[i] <= 0) {
                    return false;
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
        return t0 < t1;
    }
}
