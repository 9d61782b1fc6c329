package org.clusterdeck.topology;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Benchmark of the topology diagram (run by bench/topology.sh): layout time (cold and warm),
 * first render of the whole diagram fitted to a 1920×1080 window, and pan/zoom frames, for
 * generated clusters of 100 and 1,000 hosts (10 VMs per host, one load balancer per 20 hosts).
 * Frames are drawn with the same renderer and viewport culling the window uses, through Java2D.
 */
public final class TopologyBench {
    private static final int W = 1920;
    private static final int H = 1080;

    private TopologyBench() {
    }

    public static void main(String[] args) {
        int[] sizes = args.length > 0 ? Arrays.stream(args).mapToInt(Integer::parseInt).toArray() : new int[] {100, 1000};
        System.out.println("Topology benchmark: Java " + System.getProperty("java.version") + ", "
                + Runtime.getRuntime().availableProcessors() + " CPUs, frames " + W + "x" + H + " via Java2D");
        System.out.println("targets: layout < 1000 ms, first render < 1000 ms, pan/zoom frame < 16 ms");
        boolean first = true;
        for (int hosts : sizes) {
            run(hosts, hosts * 10, Math.max(1, hosts / 20), first);
            first = false;
        }
    }

    private static void run(int hosts, int vms, int lbs, boolean coldJvm) {
        TopologyGraph graph = SyntheticCluster.generate(hosts, vms, lbs);
        TopologyLayouter layouter = new TopologyLayouter();
        long t0 = System.nanoTime();
        DiagramLayout layout = layouter.layout(graph, Map.of());
        double cold = ms(System.nanoTime() - t0);
        List<Double> warm = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            long t = System.nanoTime();
            layout = layouter.layout(graph, Map.of());
            warm.add(ms(System.nanoTime() - t));
        }
        Rect b = layout.bounds();
        DiagramRenderer renderer = new DiagramRenderer(DiagramTheme.LIGHT);
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);

        double fit = Math.min(W / b.w(), H / b.h());
        double firstRender = frame(renderer, layout, img, fit, -b.x() * fit, -b.y() * fit);
        List<Double> fitFrames = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            fitFrames.add(frame(renderer, layout, img, fit, -b.x() * fit, -b.y() * fit));
        }
        // pan at 100 %: a walk across the diagram, 90 frames
        List<Double> pan = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            double x = b.x() + (b.w() - W) * (i / 89.0);
            double y = b.y() + (b.h() - H) * ((i * 7 % 90) / 89.0);
            pan.add(frame(renderer, layout, img, 1.0, -Math.max(b.x(), x), -Math.max(b.y(), y)));
        }
        // zoom from fit to 150 % around the centre, 60 frames
        List<Double> zoom = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            double s = fit * Math.pow(1.5 / fit, i / 59.0);
            zoom.add(frame(renderer, layout, img, s, W / 2.0 - b.centerX() * s, H / 2.0 - b.centerY() * s));
        }
        System.out.printf(Locale.ROOT, "%n%,d hosts, %,d VMs, %d load balancers: %,d nodes, %,d edges, diagram %.0f x %.0f%n",
                hosts, vms, lbs, graph.size(), graph.edges().size(), b.w(), b.h());
        System.out.printf(Locale.ROOT, "  layout:        %s%7.1f ms, warm median %6.1f ms (max %.1f)%n",
                coldJvm ? "first in JVM " : "first        ", cold, median(warm), max(warm));
        System.out.printf(Locale.ROOT, "  first render:  %7.1f ms (whole diagram fitted, scale %.3f)%n", firstRender, fit);
        System.out.printf(Locale.ROOT, "  fit frames:    median %6.1f ms, max %6.1f ms%n", median(fitFrames), max(fitFrames));
        System.out.printf(Locale.ROOT, "  pan frames:    median %6.1f ms, p95 %6.1f ms, max %6.1f ms (100 %%, 90 frames)%n",
                median(pan), p95(pan), max(pan));
        System.out.printf(Locale.ROOT, "  zoom frames:   median %6.1f ms, p95 %6.1f ms, max %6.1f ms (fit to 150 %%, 60 frames)%n",
                median(zoom), p95(zoom), max(zoom));
    }

    private static double frame(DiagramRenderer renderer, DiagramLayout layout, BufferedImage img, double scale,
                                double tx, double ty) {
        long t = System.nanoTime();
        Graphics2D g = img.createGraphics();
        try {
            Java2dPainter p = new Java2dPainter(g);
            p.fillRect(0, 0, W, H, 0, DiagramTheme.LIGHT.background());
            g.translate(tx, ty);
            g.scale(scale, scale);
            Rect viewport = new Rect(-tx / scale, -ty / scale, W / scale, H / scale);
            renderer.render(layout, p, viewport, scale, null, Set.of());
        } finally {
            g.dispose();
        }
        return ms(System.nanoTime() - t);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        return s.get(s.size() / 2);
    }

    private static double p95(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        return s.get((int) Math.ceil(s.size() * 0.95) - 1);
    }

    private static double max(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }
}
