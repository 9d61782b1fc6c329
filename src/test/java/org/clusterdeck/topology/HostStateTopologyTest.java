package org.clusterdeck.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.clusterdeck.inventory.InventoryEvents;
import org.clusterdeck.job.JobRunner;
import org.clusterdeck.model.Host;
import org.clusterdeck.model.HostVirtInfo;
import org.clusterdeck.model.Site;
import org.clusterdeck.model.SiteKind;
import org.clusterdeck.store.Store;
import org.clusterdeck.store.VirtRepository;
import org.clusterdeck.testing.RealParts;
import org.clusterdeck.virt.VirtService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class HostStateTopologyTest {
    @TempDir
    Path dir;

    private static Host host(long siteId, String name, String uri) {
        return new Host(0, siteId, name, "127.0.0.1", 22, "root", null, uri, "hypervisor", null, null, null, null,
                null);
    }

    /** The texts drawn in each node's SVG group, by node key. */
    private static Map<String, List<String>> svgTextsByNode(DiagramLayout layout) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new TopologyExporter(DiagramTheme.LIGHT).writeSvg(layout, out);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(out.toByteArray()));
        Map<String, List<String>> byNode = new HashMap<>();
        NodeList groups = doc.getElementsByTagName("g");
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if (g.getAttribute("id").isEmpty()) {
                continue;
            }
            NodeList texts = g.getElementsByTagName("text");
            List<String> all = new ArrayList<>();
            for (int j = 0; j < texts.getLength(); j++) {
                all.add(texts.item(j).getTextContent());
            }
            byNode.put(g.getAttribute("id"), all);
        }
        return byNode;
    }

    @Test
    void hostStateFollowsItsLastSync() {
        Site site = new Site(1, "lab", SiteKind.REAL, null);
        Host synced = new Host(1, 1, "synced", "127.0.0.1", 22, "root", null, null, "hypervisor", null, null, null,
                null, null);
        Host failed = new Host(2, 1, "failed", "127.0.0.2", 22, "root", null, null, "hypervisor", null, null, null,
                null, null);
        Host fresh = new Host(3, 1, "fresh", "127.0.0.3", 22, "root", null, null, "hypervisor", null, null, null,
                null, null);
        Instant t = Instant.parse("2026-11-26T10:00:00Z");
        TopologyGraph g = TopologyBuilder.build(site, List.of(synced, failed, fresh), List.of(), List.of(), List.of(),
                Map.of(1L, new HostVirtInfo(1, null, null, "QEMU", t, null),
                        2L, new HostVirtInfo(2, null, null, "QEMU", t, "Connection refused")));

        assertThat(g.node(DiagramNodeRef.host(1)).state()).isEqualTo(NodeState.UP);
        assertThat(g.node(DiagramNodeRef.host(1)).stateNote()).startsWith("libvirt connected, last sync ");
        assertThat(g.node(DiagramNodeRef.host(2)).state()).isEqualTo(NodeState.UNREACHABLE);
        assertThat(g.node(DiagramNodeRef.host(2)).stateNote()).startsWith("Last sync failed: Connection refused");
        assertThat(g.node(DiagramNodeRef.host(3)).state()).isEqualTo(NodeState.NONE);
        assertThat(g.node(DiagramNodeRef.host(3)).stateNote()).isEqualTo("libvirt: never synced");
    }

    @Test
    void hostWhoseSyncFailedOnAMissingNodeFileIsUnreachableInTheExportedSvg() throws Exception {
        String why = VirtService.unavailable().orElse(null);
        RealParts.requireNone(why);
        try (Store store = Store.inMemory("host-state-" + System.nanoTime());
             JobRunner jobs = new JobRunner(store.jobs(), 2)) {
            Site site = store.sites().insert("lab", SiteKind.REAL, null);
            Host good = store.hosts().insert(host(site.id(), "good", "test:///default"));
            Path missing = dir.resolve("missing-node.xml");
            Host bad = store.hosts().insert(host(site.id(), "bad", "test://" + missing.toAbsolutePath()));
            Host fresh = store.hosts().insert(host(site.id(), "fresh", "test:///default"));
            VirtService virt = VirtService.create(store, jobs, new InventoryEvents(), dir, "test");
            try {
                virt.sync(good).result().get(60, TimeUnit.SECONDS);
                assertThatThrownBy(() -> virt.sync(bad).result().get(60, TimeUnit.SECONDS))
                        .hasMessageContaining("missing-node.xml");
            } finally {
                virt.close();
            }

            DiagramLayout layout = new TopologyService(store).load(site);
            TopologyNode badNode = layout.graph().node(DiagramNodeRef.host(bad.id()));
            String error = new VirtRepository(store.sql()).hostInfo(bad.id()).orElseThrow().lastError();
            assertThat(badNode.state()).isEqualTo(NodeState.UNREACHABLE);
            assertThat(badNode.stateNote()).isEqualTo("Last sync failed: " + error + "\nLast good sync: never");
            assertThat(layout.graph().node(DiagramNodeRef.host(good.id())).state()).isEqualTo(NodeState.UP);
            assertThat(layout.graph().node(DiagramNodeRef.host(fresh.id())).state()).isEqualTo(NodeState.NONE);
            Map<String, List<String>> texts = svgTextsByNode(layout);
            assertThat(texts.get(DiagramNodeRef.host(bad.id()).key())).contains("bad", "unreachable");
            assertThat(texts.get(DiagramNodeRef.host(good.id()).key())).contains("good", "up")
                    .doesNotContain("unreachable");
            assertThat(texts.get(DiagramNodeRef.host(fresh.id()).key())).contains("fresh")
                    .doesNotContain("up", "unreachable");
        }
    }
}
