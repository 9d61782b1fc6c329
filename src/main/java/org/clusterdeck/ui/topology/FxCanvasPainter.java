package org.clusterdeck.ui.topology;

import java.util.HashMap;
import java.util.Map;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.shape.StrokeLineJoin;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import org.clusterdeck.topology.Colors;
import org.clusterdeck.topology.Painter;

/** Paints the diagram on a JavaFX Canvas, so the window shows what SVG and PNG exports show. */
final class FxCanvasPainter implements Painter {
    private static final int WIDTH_CACHE_LIMIT = 50_000;

    private final GraphicsContext g;
    private final Map<String, Color> colors = new HashMap<>();
    private final Map<String, Font> fonts = new HashMap<>();
    private final Map<String, Double> widths = new HashMap<>();
    private final Text measure = new Text();

    FxCanvasPainter(GraphicsContext g) {
        this.g = g;
        g.setTextBaseline(VPos.BASELINE);
        g.setLineJoin(StrokeLineJoin.ROUND);
    }

    @Override
    public void fillRect(double x, double y, double w, double h, double arc, String color) {
        g.setFill(color(color));
        if (arc > 0) {
            g.fillRoundRect(x, y, w, h, arc, arc);
        } else {
            g.fillRect(x, y, w, h);
        }
    }

    @Override
    public void strokeRect(double x, double y, double w, double h, double arc, String color, double width,
                           boolean dashed) {
        stroke(color, width, dashed);
        if (arc > 0) {
            g.strokeRoundRect(x, y, w, h, arc, arc);
        } else {
            g.strokeRect(x, y, w, h);
        }
    }

    @Override
    public void polyline(double[] xs, double[] ys, String color, double width, boolean dashed) {
        stroke(color, width, dashed);
        g.setLineCap(dashed ? StrokeLineCap.BUTT : StrokeLineCap.ROUND);
        g.strokePolyline(xs, ys, xs.length);
    }

    @Override
    public void fillPolygon(double[] xs, double[] ys, String color) {
        g.setFill(color(color));
        g.fillPolygon(xs, ys, xs.length);
    }

    @Override
    public void fillOval(double x, double y, double w, double h, String color) {
        g.setFill(color(color));
        g.fillOval(x, y, w, h);
    }

    @Override
    public void text(String text, double x, double y, double size, boolean bold, String color, Align align) {
        g.setFont(font(size, bold));
        g.setFill(color(color));
        g.setTextAlign(switch (align) {
            case LEFT -> TextAlignment.LEFT;
            case CENTER -> TextAlignment.CENTER;
            case RIGHT -> TextAlignment.RIGHT;
        });
        g.fillText(text, x, y);
    }

    @Override
    public double textWidth(String text, double size, boolean bold) {
        String key = size + (bold ? "b" : "r") + text;
        Double w = widths.get(key);
        if (w == null) {
            if (widths.size() > WIDTH_CACHE_LIMIT) {
                widths.clear();
            }
            measure.setFont(font(size, bold));
            measure.setText(text);
            w = measure.getLayoutBounds().getWidth();
            widths.put(key, w);
        }
        return w;
    }

    @Override
    public void pushTranslate(double dx, double dy) {
        g.save();
        g.translate(dx, dy);
    }

    @Override
    public void popTranslate() {
        g.restore();
    }

    private void stroke(String color, double width, boolean dashed) {
        g.setStroke(color(color));
        g.setLineWidth(width);
        if (dashed) {
            g.setLineDashes(6, 4);
        } else {
            g.setLineDashes((double[]) null);
        }
    }

    private Font font(double size, boolean bold) {
        return fonts.computeIfAbsent(size + (bold ? "b" : "r"),
                k -> Font.font(Font.getDefault().getFamily(), bold ? FontWeight.BOLD : FontWeight.NORMAL, size));
    }

    private Color color(String hex) {
        return colors.computeIfAbsent(hex, h -> {
            int argb = Colors.argb(h);
            return Color.rgb(argb >> 16 & 0xFF, argb >> 8 & 0xFF, argb & 0xFF, (argb >>> 24) / 255.0);
        });
    }
}
