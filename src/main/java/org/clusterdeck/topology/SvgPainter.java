package org.clusterdeck.topology;

import java.util.Locale;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes the diagram as SVG elements through an {@link XMLStreamWriter}, which escapes every
 * name and label, so hostile names stay text. Text stays {@code <text>}, each node is a
 * {@code <g>} with its id and a {@code <title>}.
 */
final class SvgPainter implements Painter {
    static final String FONT = "DejaVu Sans, Verdana, Arial, sans-serif";

    private final XMLStreamWriter xml;

    SvgPainter(XMLStreamWriter xml) {
        this.xml = xml;
    }

    @Override
    public void fillRect(double x, double y, double w, double h, double arc, String color) {
        rect(x, y, w, h, arc);
        fill(color);
        attr("stroke", "none");
        end();
    }

    @Override
    public void strokeRect(double x, double y, double w, double h, double arc, String color, double width,
                           boolean dashed) {
        rect(x, y, w, h, arc);
        attr("fill", "none");
        stroke(color, width, dashed);
        end();
    }

    private void rect(double x, double y, double w, double h, double arc) {
        empty("rect");
        attr("x", num(x));
        attr("y", num(y));
        attr("width", num(w));
        attr("height", num(h));
        if (arc > 0) {
            attr("rx", num(arc / 2));
        }
    }

    @Override
    public void polyline(double[] xs, double[] ys, String color, double width, boolean dashed) {
        empty("polyline");
        attr("points", points(xs, ys));
        attr("fill", "none");
        stroke(color, width, dashed);
        end();
    }

    @Override
    public void fillPolygon(double[] xs, double[] ys, String color) {
        empty("polygon");
        attr("points", points(xs, ys));
        fill(color);
        end();
    }

    @Override
    public void fillOval(double x, double y, double w, double h, String color) {
        empty("ellipse");
        attr("cx", num(x + w / 2));
        attr("cy", num(y + h / 2));
        attr("rx", num(w / 2));
        attr("ry", num(h / 2));
        fill(color);
        end();
    }

    @Override
    public void text(String text, double x, double y, double size, boolean bold, String color, Align align) {
        try {
            xml.writeStartElement("text");
            attr("x", num(x));
            attr("y", num(y));
            attr("font-size", num(size));
            if (bold) {
                attr("font-weight", "bold");
            }
            if (align != Align.LEFT) {
                attr("text-anchor", align == Align.CENTER ? "middle" : "end");
            }
            fill(color);
            xml.writeCharacters(xmlSafe(text));
            xml.writeEndElement();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Cannot write SVG: " + e.getMessage(), e);
        }
    }

    @Override
    public double textWidth(String text, double size, boolean bold) {
        return text.length() * size * (bold ? 0.63 : 0.57);
    }

    @Override
    public void beginNode(DiagramNodeRef ref, String name) {
        try {
            xml.writeStartElement("g");
            attr("id", ref.key());
            attr("class", "node " + ref.kind().eventKind());
            xml.writeStartElement("title");
            xml.writeCharacters(xmlSafe(name));
            xml.writeEndElement();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Cannot write SVG: " + e.getMessage(), e);
        }
    }

    @Override
    public void endNode() {
        end();
    }

    @Override
    public void pushTranslate(double dx, double dy) {
        try {
            xml.writeStartElement("g");
            attr("transform", "translate(" + num(dx) + " " + num(dy) + ")");
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Cannot write SVG: " + e.getMessage(), e);
        }
    }

    @Override
    public void popTranslate() {
        end();
    }

    private void fill(String color) {
        attr("fill", Colors.rgb(color));
        double o = Colors.opacity(color);
        if (o < 1) {
            attr("fill-opacity", num(o));
        }
    }

    private void stroke(String color, double width, boolean dashed) {
        attr("stroke", Colors.rgb(color));
        attr("stroke-width", num(width));
        if (dashed) {
            attr("stroke-dasharray", "6 4");
        }
    }

    private void empty(String name) {
        try {
            xml.writeStartElement(name);
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Cannot write SVG: " + e.getMessage(), e);
        }
    }

    private void end() {
        try {
            xml.writeEndElement();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Cannot write SVG: " + e.getMessage(), e);
        }
    }

    private void attr(String name, String value) {
        try {
            xml.writeAttribute(name, value);
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Cannot write SVG: " + e.getMessage(), e);
        }
    }

    private static String points(double[] xs, double[] ys) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < xs.length; i++) {
            if (i > 0) {
                b.append(' ');
            }
            b.append(num(xs[i])).append(',').append(num(ys[i]));
        }
        return b.toString();
    }

    /**
     * The text with characters XML 1.0 cannot carry at all (control characters, lone surrogates)
     * replaced by U+FFFD; the writer escapes everything else.
     */
    static String xmlSafe(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                    || (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1)))
                    || (Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1)));
            if (!ok && b == null) {
                b = new StringBuilder(s.substring(0, i));
            }
            if (b != null) {
                b.append(ok ? c : '\uFFFD');
            }
        }
        return b == null ? s : b.toString();
    }

    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
