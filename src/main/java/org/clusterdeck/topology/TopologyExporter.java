package org.clusterdeck.topology;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Exports a laid-out diagram as SVG or PNG with a title and the legend, without any display
 * (PNG goes through Java2D and ImageIO, which work headless).
 */
public final class TopologyExporter {
    /** File formats the exporter writes. */
    public enum Format { PNG, SVG }

    static final double MARGIN = 28;
    static final double HEADER = 62;
    /** Large clusters are scaled down so the PNG stays within this many pixels. */
    static final double MAX_PIXELS = 40_000_000;

    private final DiagramTheme theme;

    public TopologyExporter(DiagramTheme theme) {
        this.theme = theme;
    }

    /** Page size of the export in diagram units (before any PNG scaling). */
    public Rect pageSize(DiagramLayout layout) {
        Rect b = layout.bounds();
        double w = Math.max(b.w(), Legend.WIDTH) + 2 * MARGIN;
        double h = HEADER + b.h() + 20 + Legend.HEIGHT + 2 * MARGIN;
        return new Rect(0, 0, Math.ceil(w), Math.ceil(h));
    }

    /** Writes the diagram to a file, creating or replacing it; fails with a message naming the path. */
    public void export(DiagramLayout layout, Format format, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new IOException("Cannot write " + file + ": the folder " + parent + " does not exist.");
        }
        if (Files.isDirectory(file)) {
            throw new IOException("Cannot write " + file + ": it is a folder; give a file name.");
        }
        Path tmp;
        try {
            tmp = Files.createTempFile(parent == null ? Path.of(".") : parent, ".topology-", ".tmp");
        } catch (java.nio.file.AccessDeniedException e) {
            throw new IOException("Cannot write " + file + ": the folder " + parent
                    + " is not writable by this user. Choose another folder.", e);
        }
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                if (format == Format.SVG) {
                    writeSvg(layout, out);
                } else {
                    writePng(layout, out, 1.0);
                }
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public void writeSvg(DiagramLayout layout, OutputStream out) throws IOException {
        Rect page = pageSize(layout);
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("svg");
            xml.writeDefaultNamespace("http://www.w3.org/2000/svg");
            xml.writeAttribute("width", SvgPainter.num(page.w()));
            xml.writeAttribute("height", SvgPainter.num(page.h()));
            xml.writeAttribute("viewBox", "0 0 " + SvgPainter.num(page.w()) + " " + SvgPainter.num(page.h()));
            xml.writeAttribute("font-family", SvgPainter.FONT);
            xml.writeStartElement("title");
            xml.writeCharacters(SvgPainter.xmlSafe(title(layout)));
            xml.writeEndElement();
            paintPage(layout, new SvgPainter(xml), page);
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.flush();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException("Cannot write SVG: " + e.getMessage(), e);
        }
    }

    /** Writes a PNG at {@code scale} pixels per diagram unit (reduced for very large clusters). */
    public void writePng(DiagramLayout layout, OutputStream out, double scale) throws IOException {
        BufferedImage img = renderImage(layout, scale);
        if (!ImageIO.write(img, "png", out)) {
            throw new IOException("No PNG writer is available in this Java runtime.");
        }
    }

    /** Renders the whole page into an image. */
    public BufferedImage renderImage(DiagramLayout layout, double scale) {
        Rect page = pageSize(layout);
        double s = Math.min(scale, Math.sqrt(MAX_PIXELS / (page.w() * page.h())));
        int w = Math.max(1, (int) Math.ceil(page.w() * s));
        int h = Math.max(1, (int) Math.ceil(page.h() * s));
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.scale(s, s);
            paintPage(layout, new Java2dPainter(g), page);
        } finally {
            g.dispose();
        }
        return img;
    }

    private void paintPage(DiagramLayout layout, Painter p, Rect page) {
        p.fillRect(0, 0, page.w(), page.h(), 0, theme.background());
        p.text(title(layout), MARGIN, MARGIN + 24, 22, true, theme.text(), Painter.Align.LEFT);
        p.text(counts(layout.graph()), MARGIN, MARGIN + 46, 13, false, theme.mutedText(), Painter.Align.LEFT);
        Rect b = layout.bounds();
        DiagramRenderer renderer = new DiagramRenderer(theme);
        p.pushTranslate(MARGIN - b.x(), MARGIN + HEADER - b.y());
        if (layout.graph().size() == 0) {
            p.text("This site has no hosts yet.", 0, 20, 14, false, theme.mutedText(), Painter.Align.LEFT);
        }
        renderer.render(layout, p, b.grown(1), 1.0, null, Set.of());
        p.popTranslate();
        renderer.renderLegend(p, MARGIN, MARGIN + HEADER + b.h() + 20);
    }

    static String title(DiagramLayout layout) {
        return layout.graph().siteName() + " — cluster topology";
    }

    /** "3 hosts · 7 VMs (7 running) · 1 load balancer · 2 databases". */
    public static String counts(TopologyGraph g) {
        int hosts = g.nodes(NodeKind.HOST).size();
        var vms = g.nodes(NodeKind.VM);
        long running = vms.stream().filter(v -> v.state() == NodeState.RUNNING).count();
        int lbs = g.nodes(NodeKind.LOAD_BALANCER).size();
        int dbs = g.nodes(NodeKind.DATABASE).size();
        return String.format(Locale.ROOT, "%s · %s (%d running) · %s · %s", plural(hosts, "host"),
                plural(vms.size(), "VM"), running, plural(lbs, "load balancer"), plural(dbs, "database"));
    }

    private static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    /** The format named by a file extension or option ("png", "SVG"), or an error naming the choices. */
    public static Format parseFormat(String s) {
        try {
            return Format.valueOf(s.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("Unknown format '" + s + "': use png or svg.");
        }
    }
}
