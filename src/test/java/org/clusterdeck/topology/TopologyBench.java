package org.clusterdeck.topology;

import java.awt.Graphics2D;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** Thread CPU time of the last measurement: wall time suffers when other work shares the CPUs. */
    private static double lastCpuMs;

    private TopologyBench() {
    }

    public static void main(String[] args) {
        int[] sizes = args.length > 0 ? Arrays.stream(args).mapToInt(Integer::parseInt).toArray() : new int[] {100, 1000};
        System.out.println("Topology benchmark: Java " + System.getProperty("java.version") + ", "
                + Runtime.getRuntime().availableProcessors() + " CPUs, frames " + W + "x" + H + " via Java2D");
        System.out.println("targets: layout < 1000 ms, first render < 1000 ms, pan/zoom frame < 16 ms");
        System.out.println("load average at start: " + loadAverage() + " (wall times grow with it; the CPU time "
                + "this thread used is shown as cpu)");
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
        long c0 = THREADS.getCurrentThreadCpuTime();
        DiagramLayout layout = layouter.layout(graph, Map.of());
        double cold = ms(System.nanoTime() - t0);
        double coldCpu = ms(THREADS.getCurrentThreadCpuTime() - c0);
        List<Double> warm = new ArrayList<>();
        List<Double> warmCpu = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            long t = System.nanoTime();
            long c = THREADS.getCurrentThreadCpuTime();
            layout = layouter.layout(graph, Map.of());
            warm.add(ms(System.nanoTime() - t));
            warmCpu.add(ms(THREADS.getCurrentThreadCpuTime() - c));
        }
        Rect b = layout.bounds();
        DiagramRenderer renderer = new DiagramRenderer(DiagramTheme.LIGHT);
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);

        double fit = Math.min(W / b.w(), H / b.h());
        double firstRender = frame(renderer, layout, img, fit, -b.x() * fit, -b.y() * fit);
        double firstRenderCpu = lastCpuMs;
        List<Double> fitFrames = new ArrayList<>();
        List<Double> fitCpu = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            fitFrames.add(frame(renderer, layout, img, fit, -b.x() * fit, -b.y() * fit));
            fitCpu.add(lastCpuMs);
        }
        // pan at 100 %: a walk across the diagram, 90 frames
        List<Double> pan = new ArrayList<>();
        List<Double> panCpu = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            double x = b.x() + (b.w() - W) * (i / 89.0);
            double y = b.y() + (b.h() - H) * ((i * 7 % 90) / 89.0);
            pan.add(frame(renderer, layout, img, 1.0, -Math.max(b.x(), x), -Math.max(b.y(), y)));
            panCpu.add(lastCpuMs);
        }
        // zoom from fit to 150 % around the centre, 60 frames
        List<Double> zoom = new ArrayList<>();
        List<Double> zoomCpu = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            double s = fit * Math.pow(1.5 / fit, i / 59.0);
            zoom.add(frame(renderer, layout, img, s, W / 2.0 - b.centerX() * s, H / 2.0 - b.centerY() * s));
            zoomCpu.add(lastCpuMs);
        }
        System.out.printf(Locale.ROOT, "%n%,d hosts, %,d VMs, %d load balancers: %,d nodes, %,d edges, diagram %.0f x %.0f%n",
                hosts, vms, lbs, graph.size(), graph.edges().size(), b.w(), b.h());
        System.out.printf(Locale.ROOT, "  layout:        %s wall %7.1f ms (cpu %6.1f); warm median wall %6.1f ms (cpu %6.1f)%n",
                coldJvm ? "first in JVM" : "first       ", cold, coldCpu, median(warm), median(warmCpu));
        System.out.printf(Locale.ROOT, "  first render:  wall %7.1f ms (cpu %6.1f) (whole diagram fitted, scale %.3f)%n",
                firstRender, firstRenderCpu, fit);
        System.out.printf(Locale.ROOT, "  fit frames:    median wall %6.1f ms (cpu %6.1f)%n", median(fitFrames), median(fitCpu));
        System.out.printf(Locale.ROOT, "  pan frames:    median wall %6.1f ms (cpu %5.1f), p95 wall %6.1f (cpu %5.1f) (100 %%, 90 frames)%n",
                median(pan), median(panCpu), p95(pan), p95(panCpu));
        System.out.printf(Locale.ROOT, "  zoom frames:   median wall %6.1f ms (cpu %5.1f), p95 wall %6.1f (cpu %5.1f) (fit to 150 %%, 60 frames)%n",
                median(zoom), median(zoomCpu), p95(zoom), p95(zoomCpu));
    }

    /** The 1-minute load average, to read wall times against. */
    public static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static double frame(DiagramRenderer renderer, DiagramLayout layout, BufferedImage img, double scale,
                                double tx, double ty) {
        long t = System.nanoTime();
        long c = THREADS.getCurrentThreadCpuTime();
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
        lastCpuMs = ms(THREADS.getCurrentThreadCpuTime() - c);
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

}
