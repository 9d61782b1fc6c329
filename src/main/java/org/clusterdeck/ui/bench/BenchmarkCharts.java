package org.clusterdeck.ui.bench;

import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.clusterdeck.model.HostSample;
import org.clusterdeck.model.SecondSample;

/**
 * The run's charts: requests per second, latency percentiles per second and, in its own slot,
 * the host's CPU and memory. Fed from the view model's per-second lists (one point a second,
 * never per request); at most {@link #MAX_POINTS} points stay on screen.
 */
final class BenchmarkCharts {
    static final int MAX_POINTS = 600;

    private final XYChart.Series<Number, Number> rps = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> p50 = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> p90 = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> p99 = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> cpu = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> mem = new XYChart.Series<>();
    private final LineChart<Number, Number> hostChart;
    private final Label hostPlaceholder = new Label("Host metrics appear here during a run against this machine "
            + "(loopback) or an inventory host reached over SSH, such as a lab host.");
    private final VBox node;

    BenchmarkCharts(ObservableList<SecondSample> samples, ObservableList<HostSample> hosts) {
        rps.setName("requests/s");
        p50.setName("p50 ms");
        p90.setName("p90 ms");
        p99.setName("p99 ms");
        cpu.setName("CPU %");
        mem.setName("memory %");
        LineChart<Number, Number> rpsChart = chart("Requests per second", "requests/s", List.of(rps));
        LineChart<Number, Number> latencyChart = chart("Latency per second (ms)", "ms", List.of(p50, p90, p99));
        hostChart = chart("Host load", "% of the host", List.of(cpu, mem));
        hostPlaceholder.setWrapText(true);
        hostPlaceholder.getStyleClass().add("text-muted");
        StackPane hostSlot = new StackPane(hostChart, hostPlaceholder);
        hostSlot.setId("bench-host-slot");
        node = new VBox(4, rpsChart, latencyChart, hostSlot);
        for (var c : List.of(rpsChart, latencyChart, hostSlot)) {
            VBox.setVgrow(c, Priority.ALWAYS);
        }
        hostSlot.setMinHeight(MIN_CHART_HEIGHT);
        node.setId("bench-charts");
        samples.addListener((ListChangeListener<SecondSample>) ch -> redraw(samples));
        hosts.addListener((ListChangeListener<HostSample>) ch -> redrawHost(hosts));
        redrawHost(hosts);
    }

    VBox node() {
        return node;
    }

    /** Below this a chart's axes and legend crowd out the lines; the page scrolls instead. */
    static final double MIN_CHART_HEIGHT = 230;

    private static LineChart<Number, Number> chart(String title, String yLabel, List<XYChart.Series<Number, Number>> series) {
        NumberAxis x = new NumberAxis();
        x.setLabel("time since start (s)");
        x.setForceZeroInRange(false);
        NumberAxis y = new NumberAxis();
        y.setLabel(yLabel);
        LineChart<Number, Number> c = new LineChart<>(x, y);
        c.setTitle(title);
        c.setAnimated(false);
        c.setCreateSymbols(false);
        c.setLegendVisible(true);
        c.setMinHeight(MIN_CHART_HEIGHT);
        c.setPrefHeight(260);
        c.getData().addAll(series);
        return c;
    }

    private int drawn;
    private SecondSample firstDrawn;

    /** Appends new points when the list only grew (a live run); redraws when it was replaced (a stored run). */
    private void redraw(ObservableList<SecondSample> samples) {
        boolean appended = !samples.isEmpty() && samples.get(0) == firstDrawn && samples.size() >= drawn;
        if (!appended) {
            for (var s : List.of(rps, p50, p90, p99)) {
                s.getData().clear();
            }
            drawn = Math.max(0, samples.size() - MAX_POINTS);
            firstDrawn = samples.isEmpty() ? null : samples.get(0);
        }
        for (int i = drawn; i < samples.size(); i++) {
            SecondSample s = samples.get(i);
            double t = (s.startMs() + s.widthMs()) / 1000.0;
            add(rps, t, s.requestsPerSecond());
            add(p50, t, s.p50() / 1000.0);
            add(p90, t, s.p90() / 1000.0);
            add(p99, t, s.p99() / 1000.0);
        }
        drawn = samples.size();
    }

    private void redrawHost(ObservableList<HostSample> hosts) {
        cpu.getData().clear();
        mem.getData().clear();
        for (int i = Math.max(0, hosts.size() - MAX_POINTS); i < hosts.size(); i++) {
            HostSample h = hosts.get(i);
            add(cpu, h.startMs() / 1000.0 + 1, h.cpuPercent());
            add(mem, h.startMs() / 1000.0 + 1, h.memoryPercent());
        }
        hostChart.setVisible(!hosts.isEmpty());
        hostPlaceholder.setVisible(hosts.isEmpty());
    }

    private static void add(XYChart.Series<Number, Number> s, double x, double y) {
        s.getData().add(new XYChart.Data<>(x, y));
        if (s.getData().size() > MAX_POINTS) {
            s.getData().remove(0);
        }
    }
}
