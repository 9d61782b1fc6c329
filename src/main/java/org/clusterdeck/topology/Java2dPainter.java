package org.clusterdeck.topology;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/** Paints the diagram on a Java2D surface (a BufferedImage for PNG export); works without a display. */
public final class Java2dPainter implements Painter {
    private final Graphics2D g;
    private final Map<String, Font> fonts = new HashMap<>();
    private final Map<String, Color> colors = new HashMap<>();
    private final Deque<AffineTransform> saved = new ArrayDeque<>();

    public Java2dPainter(Graphics2D g) {
        this.g = g;
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    }

    @Override
    public void fillRect(double x, double y, double w, double h, double arc, String color) {
        g.setColor(color(color));
        if (arc > 0) {
            g.fill(new RoundRectangle2D.Double(x, y, w, h, arc, arc));
        } else {
            withoutAntialiasing(() -> g.fill(new Rectangle2D.Double(x, y, w, h)));
        }
    }

    /** Square shapes on an unrotated surface need no anti-aliasing, and draw much faster without. */
    private void withoutAntialiasing(Runnable draw) {
        if ((g.getTransform().getType() & AffineTransform.TYPE_MASK_ROTATION) != 0) {
            draw.run();
            return;
        }
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        draw.run();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    }

    @Override
    public void strokeRect(double x, double y, double w, double h, double arc, String color, double width,
                           boolean dashed) {
        g.setColor(color(color));
        g.setStroke(stroke(width, dashed));
        g.draw(arc > 0 ? new RoundRectangle2D.Double(x, y, w, h, arc, arc) : new Rectangle2D.Double(x, y, w, h));
    }

    @Override
    public void polyline(double[] xs, double[] ys, String color, double width, boolean dashed) {
        g.setColor(color(color));
        g.setStroke(stroke(width, dashed));
        // horizontal and vertical lines look the same without anti-aliasing and draw several times faster
        if (axisAligned(xs, ys)) {
            withoutAntialiasing(() -> g.draw(path(xs, ys, false)));
        } else {
            g.draw(path(xs, ys, false));
        }
    }

    private static boolean axisAligned(double[] xs, double[] ys) {
        for (int i = 1; i < xs.length; i++) {
            if (xs[i] != xs[i - 1] && ys[i] != ys[i - 1]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void fillPolygon(double[] xs, double[] ys, String color) {
        g.setColor(color(color));
        g.fill(path(xs, ys, true));
    }

    @Override
    public void fillOval(double x, double y, double w, double h, String color) {
        g.setColor(color(color));
        g.fill(new Ellipse2D.Double(x, y, w, h));
    }

    @Override
    public void text(String text, double x, double y, double size, boolean bold, String color, Align align) {
        Font f = font(size, bold);
        g.setFont(f);
        g.setColor(color(color));
        double w = align == Align.LEFT ? 0 : g.getFontMetrics(f).getStringBounds(text, g).getWidth();
        double left = switch (align) {
            case LEFT -> x;
            case CENTER -> x - w / 2;
            case RIGHT -> x - w;
        };
        g.drawString(text, (float) left, (float) y);
    }

    @Override
    public double textWidth(String text, double size, boolean bold) {
        return g.getFontMetrics(font(size, bold)).getStringBounds(text, g).getWidth();
    }

    @Override
    public void pushTranslate(double dx, double dy) {
        saved.push(g.getTransform());
        g.translate(dx, dy);
    }

    @Override
    public void popTranslate() {
        g.setTransform(saved.pop());
    }

    private Font font(double size, boolean bold) {
        String key = size + (bold ? "b" : "");
        return fonts.computeIfAbsent(key, k -> new Font(Font.SANS_SERIF, bold ? Font.BOLD : Font.PLAIN, 12)
                .deriveFont((float) size));
    }

    private Color color(String hex) {
        return colors.computeIfAbsent(hex, h -> new Color(Colors.argb(h), true));
    }

    private static BasicStroke stroke(double width, boolean dashed) {
        return dashed
                ? new BasicStroke((float) width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {6f, 4f}, 0f)
                : new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }

    private static Path2D path(double[] xs, double[] ys, boolean close) {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(xs[0], ys[0]);
        for (int i = 1; i < xs.length; i++) {
            p.lineTo(xs[i], ys[i]);
        }
        if (close) {
            p.closePath();
        }
        return p;
    }
}
