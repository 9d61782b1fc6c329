package org.clusterdeck.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.clusterdeck.model.DatabaseNode;
import org.clusterdeck.model.Host;
import org.clusterdeck.model.Site;
import org.clusterdeck.model.SiteKind;
import org.clusterdeck.model.Vm;
import org.clusterdeck.model.VmState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class TopologyExportTest {
    private static final String HOSTILE = "evil\"<script>alert('x')</script>&$(rm -rf ~);]]>\u0001\n";

    private static DiagramLayout demoLayout() {
        Site site = new Site(1, "Demo & <lab>", SiteKind.DEMO, null);
        List<Host> hosts = List.of(
                new Host(1, 1, "pve1", "192.168.1.100", 22, "root", null, null, "hypervisor", null, "Xeon", 64, 524288L, 2048L),
                new Host(2, 1, HOSTILE, "192.168.1.101", 22, "root", null, null, "hypervisor", null, null, null, null, null));
        List<Vm> vms = List.of(
                new Vm(1, 1, "web1", null, VmState.RUNNING, 4, 8192, 40, "web", "192.168.1.10", true, null),
                new Vm(2, 1, "web2", null, VmState.STOPPED, 4, 8192, 40, "web", "192.168.1.11", true, null),
                new Vm(3, 2, "db-" + HOSTILE, null, VmState.PAUSED, 8, 32768, 200, "db", "192.168.1.20", true, null));
        List<DatabaseNode> dbs = List.of(
                new DatabaseNode(1, 1, "mysql-primary", "mysql", "8.0.32", "primary", 3L, 3306, null),
                new DatabaseNode(2, 1, "mysql-replica", "mysql", "8.0.32", "replica", null, 3306, 1L));
        return new TopologyLayouter().layout(TopologyBuilder.build(site, hosts, vms, List.of(), dbs), Map.of());
    }

    @Test
    void svgParsesAsXmlAndNamesEveryNodeInAGroupWithItsTitle() throws Exception {
        DiagramLayout layout = demoLayout();
        layout.graph().setBadges(DiagramNodeRef.vm(1), List.of(new Badge("CVSS 9.8", Badge.Level.CRITICAL),
                new Badge("p99 140 ms", Badge.Level.OK)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new TopologyExporter(DiagramTheme.LIGHT).writeSvg(layout, out);

        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(out.toByteArray()));
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
        Map<String, String> titles = new HashMap<>();
        NodeList groups = doc.getElementsByTagName("g");
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            NodeList t = g.getElementsByTagName("title");
            if (!g.getAttribute("id").isEmpty() && t.getLength() > 0) {
                titles.put(g.getAttribute("id"), t.item(0).getTextContent());
            }
        }
        for (TopologyNode n : layout.graph().nodes()) {
            assertThat(titles).containsEntry(n.ref().key(), n.name().replace('\u0001', '\uFFFD'));
        }
        Set<String> texts = new HashSet<>();
        NodeList textNodes = doc.getElementsByTagName("text");
        for (int i = 0; i < textNodes.getLength(); i++) {
            texts.add(textNodes.item(i).getTextContent());
        }
        assertThat(texts).contains("pve1", "web1", "web2", "mysql-primary", "mysql-replica", "running", "stopped",
                "paused", "replication", "CVSS 9.8", "p99 140 ms");
        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("<script>");
    }

    @Test
    void pngHasThePageSizeAndIsNotBlank() throws Exception {
        DiagramLayout layout = demoLayout();
        TopologyExporter exporter = new TopologyExporter(DiagramTheme.LIGHT);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exporter.writePng(layout, out, 1.0);

        BufferedImage img = ImageIO.read(new ByteArrayInputStream(out.toByteArray()));
        Rect page = exporter.pageSize(layout);
        assertThat(img.getWidth()).isEqualTo((int) page.w());
        assertThat(img.getHeight()).isEqualTo((int) page.h());
        int background = img.getRGB(1, 1);
        long differing = 0;
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                int rgb = img.getRGB(x, y);
                colours.add(rgb);
                if (rgb != background) {
                    differing++;
                }
            }
        }
        assertThat(differing).as("pixels that are not background").isGreaterThan(img.getWidth() * img.getHeight() / 4 / 10);
        assertThat(colours.size()).as("distinct colours").isGreaterThan(20);
        assertThat(colours).as("the stopped VM's state colour is drawn").contains(Colors.argb(DiagramTheme.LIGHT.stopped()));
        assertThat(colours).as("the running VM's state colour is drawn").contains(Colors.argb(DiagramTheme.LIGHT.running()));
    }

    @Test
    void exportToAMissingFolderFailsNamingTheFolder(@TempDir Path dir) {
        Path target = dir.resolve("no-such-folder").resolve("topology.svg");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TopologyExporter(DiagramTheme.DARK)
                        .export(demoLayout(), TopologyExporter.Format.SVG, target))
                .hasMessageContaining("no-such-folder").hasMessageContaining("does not exist");
    }

    @Test
    void exportReplacesAnExistingFileAndLeavesNoTemporaryFiles(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("topology.png");
        Files.writeString(target, "old");
        new TopologyExporter(DiagramTheme.DARK).export(demoLayout(), TopologyExporter.Format.PNG, target);
        assertThat(ImageIO.read(target.toFile())).isNotNull();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("topology.png");
        }
    }
}
