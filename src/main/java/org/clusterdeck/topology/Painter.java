package org.clusterdeck.topology;

/**
 * What the diagram renderer draws on: SVG, Java2D (PNG) and, in the UI, a JavaFX Canvas, so all
 * three look the same. Coordinates are diagram coordinates; colours are "#RRGGBB" or "#RRGGBBAA".
 */
public interface Painter {
    /** Horizontal anchor of a text. */
    enum Align { LEFT, CENTER, RIGHT }

    void fillRect(double x, double y, double w, double h, double arc, String color);

    void strokeRect(double x, double y, double w, double h, double arc, String color, double width, boolean dashed);

    void polyline(double[] xs, double[] ys, String color, double width, boolean dashed);

    void fillPolygon(double[] xs, double[] ys, String color);

    void fillOval(double x, double y, double w, double h, String color);

    /** Draws one line of text with its baseline at y. */
    void text(String text, double x, double y, double size, boolean bold, String color, Align align);

    /** The width a text would take; used to shorten labels that do not fit. */
    double textWidth(String text, double size, boolean bold);

    /** Starts the drawing of one node (SVG groups it, with the name as its title). */
    default void beginNode(DiagramNodeRef ref, String name) {
    }

    default void endNode() {
    }

    /** Shifts what follows by (dx, dy) until the matching {@link #popTranslate()}. */
    void pushTranslate(double dx, double dy);

    void popTranslate();
}
