package org.clusterdeck.topology;

/** An axis-aligned rectangle in diagram coordinates (y grows downwards). */
public record Rect(double x, double y, double w, double h) {
    public double right() {
        return x + w;
    }

    public double bottom() {
        return y + h;
    }

    public double centerX() {
        return x + w / 2;
    }

    public double centerY() {
        return y + h / 2;
    }

    /** Whether the interiors overlap (touching edges do not count). */
    public boolean intersects(Rect o) {
        return x < o.right() && o.x < right() && y < o.bottom() && o.y < bottom();
    }

    public boolean contains(double px, double py) {
        return px >= x && px <= right() && py >= y && py <= bottom();
    }

    /** Whether {@code o} lies entirely inside this rectangle. */
    public boolean encloses(Rect o) {
        return o.x >= x && o.y >= y && o.right() <= right() && o.bottom() <= bottom();
    }

    public Rect moved(double dx, double dy) {
        return new Rect(x + dx, y + dy, w, h);
    }

    public Rect at(double nx, double ny) {
        return new Rect(nx, ny, w, h);
    }

    public Rect grown(double by) {
        return new Rect(x - by, y - by, w + 2 * by, h + 2 * by);
    }

    public Rect union(Rect o) {
        if (o == null) {
            return this;
        }
        double nx = Math.min(x, o.x);
        double ny = Math.min(y, o.y);
        return new Rect(nx, ny, Math.max(right(), o.right()) - nx, Math.max(bottom(), o.bottom()) - ny);
    }
}
