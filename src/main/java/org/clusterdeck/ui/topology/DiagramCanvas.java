package org.clusterdeck.ui.topology;

import java.util.Set;
import java.util.function.Function;
import javafx.geometry.Point2D;
import javafx.scene.Cursor;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Pane;
import javafx.scene.transform.Scale;
import org.clusterdeck.topology.DiagramLayout;
import org.clusterdeck.topology.DiagramNodeRef;
import org.clusterdeck.topology.DiagramRenderer;
import org.clusterdeck.topology.DiagramTheme;
import org.clusterdeck.topology.NodeState;
import org.clusterdeck.topology.TopologyNode;
import org.clusterdeck.topology.Painter;
import org.clusterdeck.topology.Rect;

/**
 * The diagram on a Canvas the size of the pane: draws only what is visible, zooms with the wheel
 * around the pointer, pans by dragging the background, selects on click and moves a node by
 * dragging it (the view model pins it on release).
 */
final class DiagramCanvas extends Pane {
    static final double MIN_SCALE = 0.02;
    static final double MAX_SCALE = 4;
    private static final double DRAG_THRESHOLD = 4;
    private static final double LEGEND_H = 136; // Legend.HEIGHT + 2: keep in step
    private static final double LEGEND_W = 762;
    /** Below this the legend's 11 px text would be smaller than 9 px: it is hidden instead (the Legend button still toggles it). */
    private static final double MIN_LEGEND_SCALE = 0.8;
    /**
     * The canvas is this much larger than the pane on every side and slides under it while the
     * user pans, so most pan steps move a finished picture instead of drawing a new one.
     */
    static final double OVERSCAN = 192;

    private final TopologyViewModel model;
    private final Canvas canvas = new Canvas();
    private final Canvas legendCanvas = new Canvas();
    private final Painter legendPainter = new FxCanvasPainter(legendCanvas.getGraphicsContext2D());
    private double shiftX;
    private double shiftY;
    private final OverviewCache overview;
    private DiagramRenderer renderer = new DiagramRenderer(DiagramTheme.LIGHT);
    private Painter painter;
    private double scale = 1;
    private double tx;
    private double ty;
    private boolean legend = true;
    private Function<DiagramNodeRef, ContextMenu> contextMenus = ref -> null;
    private ContextMenu shownMenu;
    private long lastFrameNanos;

    private DiagramNodeRef dragNode;
    private double pressX;
    private double pressY;
    private double lastX;
    private double lastY;
    private boolean dragging;
    private DiagramNodeRef hoveredNode;
    private boolean overviewShown;
    private final Tooltip tooltip = new Tooltip();
    /** A fit asked for while the pane had no size yet (a hidden tab): done at the first layout pass. */
    private boolean fitPending;

    DiagramCanvas(TopologyViewModel model) {
        this.model = model;
        getChildren().addAll(canvas, legendCanvas);
        legendCanvas.setMouseTransparent(true);
        javafx.scene.shape.Rectangle clip = new javafx.scene.shape.Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);
        setFocusTraversable(true);
        setMinSize(100, 100);
        painter = new FxCanvasPainter(canvas.getGraphicsContext2D());
        overview = new OverviewCache(model.context().jobs(), model.context().fx(), picture -> draw());
        canvas.widthProperty().addListener(o -> draw());
        canvas.heightProperty().addListener(o -> draw());
        addEventHandler(MouseEvent.MOUSE_MOVED, this::hovered);
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
        addEventHandler(ScrollEvent.SCROLL, this::scrolled);
        addEventHandler(KeyEvent.KEY_PRESSED, this::keyPressed);
        setOnContextMenuRequested(e -> {
            DiagramNodeRef ref = nodeAt(e.getX(), e.getY());
            if (ref == null) {
                return;
            }
            model.selectedProperty().set(ref);
            if (shownMenu != null) {
                shownMenu.hide();
            }
            shownMenu = contextMenus.apply(ref);
            if (shownMenu != null) {
                shownMenu.show(this, e.getScreenX(), e.getScreenY());
            }
            e.consume();
        });
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(Math.floor(getWidth()) + 2 * OVERSCAN);
        canvas.setHeight(Math.floor(getHeight()) + 2 * OVERSCAN);
        canvas.relocate(-OVERSCAN, -OVERSCAN);
        legendCanvas.setWidth(LEGEND_W);
        legendCanvas.setHeight(LEGEND_H);
        double s = legendScale();
        legendCanvas.getTransforms().setAll(new Scale(s, s, 0, 0));
        legendCanvas.relocate(12, getHeight() - LEGEND_H * s - 12);
        drawLegend();
        if (fitPending && getWidth() > 0 && getHeight() > 0) {
            fit();
        }
    }

    void setTheme(DiagramTheme theme) {
        renderer = new DiagramRenderer(theme);
        draw();
        drawLegend();
    }

    DiagramTheme theme() {
        return renderer.theme();
    }

    void setContextMenuProvider(Function<DiagramNodeRef, ContextMenu> provider) {
        contextMenus = provider == null ? ref -> null : provider;
    }

    void setLegendVisible(boolean visible) {
        legend = visible;
        drawLegend();
    }

    /** The legend sits on its own small canvas, so sliding the diagram canvas leaves it in place. */
    private void drawLegend() {
        GraphicsContext lg = legendCanvas.getGraphicsContext2D();
        lg.clearRect(0, 0, legendCanvas.getWidth(), legendCanvas.getHeight());
        legendCanvas.setVisible(legendShown());
        if (legendShown()) {
            renderer.renderLegend(legendPainter, 0.5, 0.5);
        }
    }

    private boolean legendShown() {
        return legend && legendScale() >= MIN_LEGEND_SCALE && getHeight() > 250;
    }

    /** The legend shrinks to the diagram's width (never grows), so its box never runs past the right edge. */
    private double legendScale() {
        return Math.min(1, (getWidth() - 24) / LEGEND_W);
    }

    double scale() {
        return scale;
    }

    /** Whether the last frame showed the cached overview picture rather than drawing every node. */
    boolean overviewShown() {
        return overviewShown;
    }

    long lastFrameNanos() {
        return lastFrameNanos;
    }

    Canvas canvas() {
        return canvas;
    }

    /** Where a diagram point shows on this pane. */
    Point2D toLocal(double x, double y) {
        return new Point2D(x * scale + tx, y * scale + ty);
    }

    DiagramNodeRef nodeAt(double localX, double localY) {
        DiagramLayout l = model.layoutProperty().get();
        return l == null ? null : l.hit((localX - tx) / scale, (localY - ty) / scale);
    }

    void fit() {
        DiagramLayout l = model.layoutProperty().get();
        if (l == null) {
            return;
        }
        if (getWidth() <= 0 || getHeight() <= 0) {
            fitPending = true;
            return;
        }
        fitPending = false;
        Rect b = l.bounds().grown(20);
        // keep the legend's strip free when it is shown, so it never hides a node after a fit
        double height = legendShown() ? Math.max(100, getHeight() - LEGEND_H - 16) : getHeight();
        scale = clamp(Math.min(getWidth() / b.w(), height / b.h()));
        tx = (getWidth() - b.w() * scale) / 2 - b.x() * scale;
        ty = (height - b.h() * scale) / 2 - b.y() * scale;
        draw();
    }

    void zoomBy(double factor) {
        zoomAround(factor, getWidth() / 2, getHeight() / 2);
    }

    /** Scrolls so the node is on screen (centred when it was not visible). */
    void reveal(DiagramNodeRef ref) {
        DiagramLayout l = model.layoutProperty().get();
        Rect r = l == null ? null : l.rect(ref);
        if (r == null) {
            return;
        }
        if (!viewport().intersects(r)) {
            tx = getWidth() / 2 - r.centerX() * scale;
            ty = getHeight() / 2 - r.centerY() * scale;
        }
        draw();
    }

    private void zoomAround(double factor, double px, double py) {
        double next = clamp(scale * factor);
        double dx = (px - tx) / scale;
        double dy = (py - ty) / scale;
        scale = next;
        tx = px - dx * scale;
        ty = py - dy * scale;
        draw();
    }

    private static double clamp(double s) {
        return Math.max(MIN_SCALE, Math.min(MAX_SCALE, s));
    }

    Rect viewport() {
        return new Rect(-tx / scale, -ty / scale, getWidth() / scale, getHeight() / scale);
    }

    /** Redraws the visible part of the diagram and the overscan around it. */
    void draw() {
        long start = System.nanoTime();
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        DiagramTheme theme = renderer.theme();
        shiftX = 0;
        shiftY = 0;
        canvas.setTranslateX(0);
        canvas.setTranslateY(0);
        g.setTransform(1, 0, 0, 1, 0, 0);
        painter.fillRect(0, 0, w, h, 0, theme.background());
        DiagramLayout l = model.layoutProperty().get();
        if (l == null) {
            painter.text(model.statusProperty().get(), OVERSCAN + 20, OVERSCAN + 30, 13, false, theme.mutedText(),
                    Painter.Align.LEFT);
            return;
        }
        if (l.graph().size() == 0) {
            painter.text("This site has no hosts yet. Add one with Add host, or '" + org.clusterdeck.text.Invocation.command("hosts add") + "'.",
                    OVERSCAN + 20, OVERSCAN + 30, 13, false, theme.mutedText(), Painter.Align.LEFT);
            return;
        }
        Rect drawn = viewport().grown(OVERSCAN / scale);
        painter.pushTranslate(tx + OVERSCAN, ty + OVERSCAN);
        g.scale(scale, scale);
        Set<DiagramNodeRef> matches = model.matchesProperty().get();
        OverviewCache.Picture picture = overview.pictureFor(l, model.stateChangesProperty().get(), theme, scale);
        overviewShown = picture != null;
        if (picture != null) {
            Rect a = picture.area();
            g.setImageSmoothing(true);
            g.drawImage(picture.imageFor(scale), a.x(), a.y(), a.w(), a.h());
            renderer.renderMarks(l, painter, drawn, scale, model.selectedProperty().get(), matches);
        } else {
            renderer.render(l, painter, drawn, scale, model.selectedProperty().get(), matches);
        }
        painter.popTranslate();
        lastFrameNanos = System.nanoTime() - start;
    }

    /** Full details of the node under the pointer (labels on the cards may be shortened). */
    private void hovered(MouseEvent e) {
        DiagramNodeRef ref = nodeAt(e.getX(), e.getY());
        if (java.util.Objects.equals(ref, hoveredNode)) {
            return;
        }
        hoveredNode = ref;
        DiagramLayout l = model.layoutProperty().get();
        if (ref == null || l == null) {
            Tooltip.uninstall(this, tooltip);
            setCursor(Cursor.DEFAULT);
            return;
        }
        TopologyNode n = l.graph().node(ref);
        StringBuilder text = new StringBuilder(n.name());
        if (n.state() != NodeState.NONE) {
            text.append(" — ").append(n.state().label());
        }
        if (n.stateNote() != null && !n.stateNote().isBlank()) {
            text.append('\n').append(n.stateNote());
        }
        for (String line : new String[] {n.subtitle(), n.detail()}) {
            if (line != null && !line.isBlank()) {
                text.append('\n').append(line);
            }
        }
        n.badges().forEach(b -> text.append('\n').append(b.describe()));
        if (l.isPinned(ref)) {
            text.append("\npinned (Re-layout frees it)");
        }
        tooltip.setText(text.toString());
        Tooltip.install(this, tooltip);
        setCursor(Cursor.HAND);
    }

    private void pressed(MouseEvent e) {
        requestFocus();
        if (e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        pressX = lastX = e.getX();
        pressY = lastY = e.getY();
        dragging = false;
        dragNode = nodeAt(e.getX(), e.getY());
        model.selectedProperty().set(dragNode);
    }

    private void dragged(MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        if (!dragging && Math.hypot(e.getX() - pressX, e.getY() - pressY) < DRAG_THRESHOLD) {
            return;
        }
        dragging = true;
        double dx = e.getX() - lastX;
        double dy = e.getY() - lastY;
        lastX = e.getX();
        lastY = e.getY();
        DiagramLayout l = model.layoutProperty().get();
        if (dragNode != null && l != null) {
            l.moveBy(dragNode, dx / scale, dy / scale);
            draw();
        } else {
            pan(dx, dy);
        }
    }

    private void released(MouseEvent e) {
        if (e.getButton() == MouseButton.PRIMARY && dragging && dragNode != null) {
            model.pin(dragNode);
        }
        dragging = false;
        dragNode = null;
    }

    private void scrolled(ScrollEvent e) {
        if (e.getDeltaY() != 0) {
            zoomAround(Math.exp(e.getDeltaY() * 0.0025), e.getX(), e.getY());
        }
        e.consume();
    }

    private void keyPressed(KeyEvent e) {
        switch (e.getCode()) {
            case PLUS, ADD, EQUALS -> zoomBy(1.25);
            case MINUS, SUBTRACT -> zoomBy(0.8);
            case DIGIT0, NUMPAD0 -> fit();
            case LEFT -> pan(60, 0);
            case RIGHT -> pan(-60, 0);
            case UP -> pan(0, 60);
            case DOWN -> pan(0, -60);
            default -> {
                return;
            }
        }
        e.consume();
    }

    /** Pans by sliding the drawn canvas while the overscan lasts, redrawing only beyond it. */
    void pan(double dx, double dy) {
        tx += dx;
        ty += dy;
        shiftX += dx;
        shiftY += dy;
        if (Math.abs(shiftX) <= OVERSCAN && Math.abs(shiftY) <= OVERSCAN) {
            canvas.setTranslateX(shiftX);
            canvas.setTranslateY(shiftY);
        } else {
            draw();
        }
    }
}
