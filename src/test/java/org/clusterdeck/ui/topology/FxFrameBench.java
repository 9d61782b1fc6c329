package org.clusterdeck.ui.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import org.clusterdeck.topology.DiagramLayout;
import org.clusterdeck.topology.DiagramRenderer;
import org.clusterdeck.topology.DiagramTheme;
import org.clusterdeck.topology.Rect;
import org.clusterdeck.topology.SyntheticCluster;
import org.clusterdeck.topology.TopologyLayouter;

/**
 * Frame times of the window's own path: the renderer drawing on a JavaFX Canvas through
 * {@link FxCanvasPainter}, on the FX thread (headless Monocle, software pipeline). "draw" is the
 * FX thread's time issuing a frame; "draw+raster" adds a snapshot, which makes the software
 * renderer rasterise it (a GPU pipeline on a real display does that part off the FX thread).
 */
public final class FxFrameBench {
    private static final int W = 1920;
    private static final int H = 1080;

    private FxFrameBench() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("java.awt.headless", "true");
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get(30, TimeUnit.SECONDS);
        int[] sizes = args.length > 0 ? java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray()
                : new int[] {100, 1000};
        System.out.println("\nJavaFX Canvas frames " + W + "x" + H + " (Monocle headless, prism sw), load average "
                + org.clusterdeck.topology.TopologyBench.loadAverage());
        for (int hosts : sizes) {
            DiagramLayout layout = new TopologyLayouter().layout(
                    SyntheticCluster.generate(hosts, hosts * 10, Math.max(1, hosts / 20)), Map.of());
            Rect b = layout.bounds();
            double pictureScale = Math.min(1, OverviewCache.MAX_SIDE / Math.max(b.w(), b.h()));
            long t = System.nanoTime();
            OverviewCache.Picture picture = OverviewCache.draw(layout.snapshot(), null, DiagramTheme.LIGHT, b, pictureScale);
            double pictureMs = (System.nanoTime() - t) / 1e6;
            CompletableFuture<String> result = new CompletableFuture<>();
            Platform.runLater(() -> {
                try {
                    result.complete(measure(hosts, layout) + measureOverview(layout, picture, pictureMs)
                            + measureViewPan(layout));
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
            System.out.println(result.get(10, TimeUnit.MINUTES));
        }
        Platform.exit();
    }

    private static String measure(int hosts, DiagramLayout layout) {
        Canvas canvas = new Canvas(W, H);
        FxCanvasPainter painter = new FxCanvasPainter(canvas.getGraphicsContext2D());
        DiagramRenderer renderer = new DiagramRenderer(DiagramTheme.LIGHT);
        Rect b = layout.bounds();
        double fit = Math.min(W / b.w(), H / b.h());
        double first = frame(canvas, painter, renderer, layout, fit, -b.x() * fit, -b.y() * fit, true);
        List<Double> blank = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            long t = System.nanoTime();
            painter.fillRect(0, 0, W, H, 0, DiagramTheme.LIGHT.background());
            canvas.snapshot(null, null);
            blank.add((System.nanoTime() - t) / 1e6);
        }
        List<Double> pan = new ArrayList<>();
        List<Double> panRaster = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            double x = b.x() + (b.w() - W) * (i / 89.0);
            double y = b.y() + (b.h() - H) * ((i * 7 % 90) / 89.0);
            double tx = -Math.max(b.x(), x);
            double ty = -Math.max(b.y(), y);
            pan.add(frame(canvas, painter, renderer, layout, 1.0, tx, ty, false));
            panRaster.add(frame(canvas, painter, renderer, layout, 1.0, tx, ty, true));
        }
        List<Double> zoom = new ArrayList<>();
        List<Double> zoomRaster = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            double s = fit * Math.pow(1.5 / fit, i / 59.0);
            double tx = W / 2.0 - b.centerX() * s;
            double ty = H / 2.0 - b.centerY() * s;
            zoom.add(frame(canvas, painter, renderer, layout, s, tx, ty, false));
            zoomRaster.add(frame(canvas, painter, renderer, layout, s, tx, ty, true));
        }
        return String.format(Locale.ROOT, "%,d hosts: first frame (fit, draw+raster) %.1f ms; a blank frame's snapshot alone "
                        + "takes %.1f ms (median)%n"
                        + "  pan  frames: draw median %5.1f ms p95 %5.1f ms | draw+raster median %5.1f ms p95 %5.1f ms%n"
                        + "  zoom frames: draw median %5.1f ms p95 %5.1f ms | draw+raster median %5.1f ms p95 %5.1f ms",
                hosts, first, pct(blank, 50), pct(pan, 50), pct(pan, 95), pct(panRaster, 50), pct(panRaster, 95),
                pct(zoom, 50), pct(zoom, 95), pct(zoomRaster, 50), pct(zoomRaster, 95));
    }

    /** Far out the window draws the cached overview picture plus selection marks instead of every node. */
    private static String measureOverview(DiagramLayout layout, OverviewCache.Picture picture, double pictureMs) {
        Canvas canvas = new Canvas(W, H);
        GraphicsContext g = canvas.getGraphicsContext2D();
        FxCanvasPainter painter = new FxCanvasPainter(g);
        DiagramRenderer renderer = new DiagramRenderer(DiagramTheme.LIGHT);
        Rect b = layout.bounds();
        double fit = Math.min(W / b.w(), H / b.h());
        List<Double> frames = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            // zoom from fit to the picture's own scale and back, around the centre
            double s = fit * Math.pow(picture.scale() / fit, Math.abs(29.5 - i) / 29.5);
            double tx = W / 2.0 - b.centerX() * s;
            double ty = H / 2.0 - b.centerY() * s;
            long t = System.nanoTime();
            g.setTransform(1, 0, 0, 1, 0, 0);
            painter.fillRect(0, 0, W, H, 0, DiagramTheme.LIGHT.background());
            g.save();
            g.translate(tx, ty);
            g.scale(s, s);
            Rect a = picture.area();
            g.drawImage(picture.imageFor(s), a.x(), a.y(), a.w(), a.h());
            renderer.renderMarks(layout, painter, new Rect(-tx / s, -ty / s, W / s, H / s), s,
                    layout.graph().refs().get(1), Set.of());
            g.restore();
            canvas.snapshot(null, null);
            frames.add((System.nanoTime() - t) / 1e6);
        }
        return String.format(Locale.ROOT, "%n  overview picture (Java2D, background, %.0f x %.0f px): %.1f ms; "
                        + "overview frames (fit .. %.3f, draw+raster): median %.1f ms p95 %.1f ms",
                picture.image().getWidth(), picture.image().getHeight(), pictureMs, picture.scale(),
                pct(frames, 50), pct(frames, 95));
    }

    /** Panning in the view itself: most steps slide the overscanned canvas, some redraw it. */
    private static String measureViewPan(DiagramLayout layout) {
        org.clusterdeck.store.Store store = org.clusterdeck.store.Store.inMemory("fx-bench-" + System.nanoTime());
        org.clusterdeck.job.JobRunner jobs = new org.clusterdeck.job.JobRunner(store.jobs(), 1);
        try {
            TopologyViewModel model = new TopologyViewModel(new org.clusterdeck.ui.UiContext(store, jobs,
                    new org.clusterdeck.inventory.InventoryEvents(), Platform::runLater));
            DiagramCanvas view = new DiagramCanvas(model);
            view.resize(W, H);
            view.layout();
            model.showLayout(layout);
            Rect b = layout.bounds();
            view.zoomBy(1.0);
            view.fit();
            view.zoomBy(1.0 / view.scale()); // 100 %
            view.snapshot(null, null);
            List<Double> steps = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                long t = System.nanoTime();
                view.pan(-12, -5); // a drag moving 13 px per mouse event
                view.snapshot(null, null);
                steps.add((System.nanoTime() - t) / 1e6);
            }
            return String.format(Locale.ROOT, "%n  view pan at 100 %% (120 drag steps of 13 px, slide or redraw, incl. snapshot): "
                    + "median %.1f ms p95 %.1f ms (diagram %.0f x %.0f)", pct(steps, 50), pct(steps, 95), b.w(), b.h());
        } finally {
            jobs.close();
            store.close();
        }
    }

    private static double frame(Canvas canvas, FxCanvasPainter painter, DiagramRenderer renderer, DiagramLayout layout,
                                double scale, double tx, double ty, boolean raster) {
        long t = System.nanoTime();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setTransform(1, 0, 0, 1, 0, 0);
        painter.fillRect(0, 0, W, H, 0, DiagramTheme.LIGHT.background());
        g.save();
        g.translate(tx, ty);
        g.scale(scale, scale);
        renderer.render(layout, painter, new Rect(-tx / scale, -ty / scale, W / scale, H / scale), scale, null, Set.of());
        g.restore();
        if (raster) {
            canvas.snapshot(null, null);
        }
        return (System.nanoTime() - t) / 1e6;
    }

    private static double pct(List<Double> xs, int p) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        return s.get(Math.max(0, (int) Math.ceil(s.size() * p / 100.0) - 1));
    }
}
