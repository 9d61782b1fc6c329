package org.clusterdeck.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.clusterdeck.topology.LayoutAssertions.assertWellFormed;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.clusterdeck.model.Site;
import org.clusterdeck.store.DemoInventory;
import org.clusterdeck.store.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TopologyLayoutTest {
    private static final AtomicInteger DB = new AtomicInteger();
    private Store store;
    private TopologyService service;
    private Site demo;

    @BeforeEach
    void openDemoLab() {
        store = Store.inMemory("topology-layout-" + DB.incrementAndGet());
        DemoInventory.seedIfEmpty(store);
        service = new TopologyService(store);
        demo = service.requireSite(DemoInventory.SITE_NAME);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void demoLabGraphHoldsHostsVmsBalancerAndReplication() {
        TopologyGraph g = service.load(demo).graph();
        assertThat(g.nodes(NodeKind.HOST)).extracting(TopologyNode::name).containsExactly("pve1", "pve2", "pve3");
        assertThat(g.nodes(NodeKind.VM)).hasSize(7);
        TopologyNode pve1 = g.nodes(NodeKind.HOST).get(0);
        assertThat(g.children(pve1.ref())).extracting(r -> g.node(r).name()).containsExactlyInAnyOrder("lb1", "web1", "app1");
        assertThat(g.edges()).filteredOn(e -> e.kind() == EdgeKind.BACKEND)
                .extracting(e -> g.node(e.to()).name() + " " + e.label())
                .containsExactlyInAnyOrder("web1 w=5 · least_conn", "web2 w=3 · least_conn");
        assertThat(g.edges()).filteredOn(e -> e.kind() == EdgeKind.REPLICATION)
                .extracting(e -> g.node(e.from()).name() + " -> " + g.node(e.to()).name())
                .containsExactly("mysql-primary -> mysql-replica");
        assertThat(g.nodes(NodeKind.VM)).allSatisfy(v -> assertThat(v.state()).isEqualTo(NodeState.RUNNING));
    }

    @Test
    void demoLabLayoutHasNoOverlapsAndVmsInsideTheirHosts() {
        assertWellFormed(service.load(demo));
    }

    @Test
    void layersAreBandsTopToBottomServiceHostsData() {
        DiagramLayout layout = service.load(demo);
        assertThat(layout.bands()).extracting(DiagramLayout.Band::layers).containsExactly(
                List.of(Layer.SERVICE), List.of(Layer.PHYSICAL, Layer.VIRTUALIZATION), List.of(Layer.APPLICATION));
        for (TopologyNode n : layout.graph().nodes()) {
            DiagramLayout.Band band = layout.bands().stream().filter(b -> b.layers().contains(n.kind().layer()))
                    .findFirst().orElseThrow();
            assertThat(band.area().encloses(layout.rect(n.ref()))).as("%s in band %s", n.name(), band.title()).isTrue();
        }
    }

    @Test
    void pinnedNodesStayPutAndOthersMoveAside() {
        TopologyGraph g = service.load(demo).graph();
        DiagramNodeRef pve1 = g.nodes(NodeKind.HOST).get(0).ref();
        DiagramNodeRef pve2 = g.nodes(NodeKind.HOST).get(1).ref();
        DiagramNodeRef web2 = g.children(pve2).stream().filter(r -> g.node(r).name().equals("web2")).findFirst().orElseThrow();
        DiagramLayout before = service.load(demo);
        // pve1 dropped right on top of where pve2 was; web2 dragged to the left edge of its host
        Rect pve2Before = before.rect(pve2);
        service.pin(demo.id(), pve1, new Point(pve2Before.x() + 10, pve2Before.y() + 5));
        service.pin(demo.id(), web2, new Point(TopologyLayouter.HOST_PAD, TopologyLayouter.HOST_HEADER));

        DiagramLayout after = service.load(demo);

        assertThat(after.rect(pve1).x()).isEqualTo(pve2Before.x() + 10);
        assertThat(after.rect(pve1).y()).isEqualTo(pve2Before.y() + 5);
        assertThat(after.pinPosition(web2)).isEqualTo(new Point(TopologyLayouter.HOST_PAD, TopologyLayouter.HOST_HEADER));
        assertThat(after.isPinned(pve1)).isTrue();
        assertThat(after.isPinned(pve2)).isFalse();
        assertWellFormed(after);
    }

    @Test
    void reLayoutClearsPins() {
        DiagramLayout original = service.load(demo);
        DiagramNodeRef pve3 = original.graph().nodes(NodeKind.HOST).get(2).ref();
        service.pin(demo.id(), pve3, new Point(-500, 900));
        assertThat(service.load(demo).rect(pve3).x()).isEqualTo(-500);

        assertThat(service.clearPins(demo.id())).isEqualTo(1);

        DiagramLayout again = service.load(demo);
        assertThat(again.rect(pve3)).isEqualTo(original.rect(pve3));
        assertThat(again.isPinned(pve3)).isFalse();
    }

    @Test
    void draggingAVmKeepsItInsideItsHost() {
        DiagramLayout layout = service.load(demo);
        TopologyGraph g = layout.graph();
        DiagramNodeRef vm = g.nodes(NodeKind.VM).get(0).ref();
        layout.moveBy(vm, 5000, -5000);
        assertThat(TopologyLayouter.interior(layout.rect(g.node(vm).parent())).encloses(layout.rect(vm))).isTrue();
    }

    @Test
    void draggingAHostMovesItsVmsAndReroutesEdges() {
        DiagramLayout layout = service.load(demo);
        TopologyGraph g = layout.graph();
        DiagramNodeRef host = g.nodes(NodeKind.HOST).get(1).ref();
        Map<DiagramNodeRef, Rect> vmsBefore = new HashMap<>();
        g.children(host).forEach(v -> vmsBefore.put(v, layout.rect(v)));
        layout.moveBy(host, 120, 300);
        g.children(host).forEach(v -> assertThat(layout.rect(v)).isEqualTo(vmsBefore.get(v).moved(120, 300)));
        for (DiagramLayout.RoutedEdge e : layout.edges()) {
            List<Point> pts = e.points();
            assertThat(LayoutAssertions.onBorder(layout.rect(e.edge().to()), pts.get(pts.size() - 1))).isTrue();
        }
    }

    @Test
    void generatedClusterOf200HostsIsWellFormed() {
        DiagramLayout layout = new TopologyLayouter().layout(SyntheticCluster.generate(200, 2000, 10), Map.of());
        assertWellFormed(layout);
        Rect b = layout.bounds();
        assertThat(b.w() / b.h()).as("aspect ratio of %s", b).isBetween(0.8, 3.0);
    }

    @Test
    void hitFindsTheVmBeforeItsHost() {
        DiagramLayout layout = service.load(demo);
        TopologyNode vm = layout.graph().nodes(NodeKind.VM).get(0);
        Rect r = layout.rect(vm.ref());
        assertThat(layout.hit(r.centerX(), r.centerY())).isEqualTo(vm.ref());
        Rect host = layout.rect(vm.parent());
        assertThat(layout.hit(host.x() + 3, host.y() + 3)).isEqualTo(vm.parent());
        assertThat(layout.hit(-10_000, -10_000)).isNull();
    }

    @Test
    void aBackendThatIsAWholeHostIsDrawnToThatHostWithItsWeight() {
        Site lab = new Site(7, "Local lab", org.clusterdeck.model.SiteKind.LAB, null);
        org.clusterdeck.model.Host web1 = org.clusterdeck.model.Host.draft(7, "web1", "10.213.1.12").withId(1);
        org.clusterdeck.model.Host web2 = org.clusterdeck.model.Host.draft(7, "web2", "10.213.1.13").withId(2);
        org.clusterdeck.model.LoadBalancer lb = new org.clusterdeck.model.LoadBalancer(3, 7, "lab-frontend", null, 80,
                "10.213.1.11", "least_conn", null, List.of(
                        new org.clusterdeck.model.Backend(1, 3, null, "10.213.1.12", 80, 5, 3, 30, false),
                        new org.clusterdeck.model.Backend(2, 3, null, "10.213.1.13", 80, 3, 3, 30, false),
                        new org.clusterdeck.model.Backend(3, 3, null, "10.213.1.99", 80, 1, 3, 30, false)));

        TopologyGraph g = TopologyBuilder.build(lab, List.of(web1, web2), List.of(), List.of(lb), List.of());

        assertThat(g.edges()).filteredOn(e -> e.kind() == EdgeKind.BACKEND)
                .extracting(e -> e.to(), e -> e.label())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(DiagramNodeRef.host(1), "w=5 · least_conn"),
                        org.assertj.core.groups.Tuple.tuple(DiagramNodeRef.host(2), "w=3 · least_conn"));
    }
}
