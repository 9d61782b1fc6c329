package org.clusterdeck.ui.security;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.clusterdeck.scan.HistoryPoint;
import org.clusterdeck.scan.ScanComparison;
import org.clusterdeck.scan.ScanRun;
import org.clusterdeck.scan.StoredFinding;
import org.clusterdeck.ui.common.Forms;

/**
 * A host over time (the hardening index of its host audits and its open findings per scan) and
 * two scans side by side (new, gone, unchanged findings).
 */
final class ScanHistoryPane {
    private static final java.time.format.DateTimeFormatter SHORT = java.time.format.DateTimeFormatter.ofPattern("MM-dd HH:mm")
            .withZone(java.time.ZoneId.systemDefault());

    private ScanHistoryPane() {
    }

    /** The history chart with its host chooser. */
    static javafx.scene.control.ScrollPane history(SecurityViewModel vm) {
        ComboBox<String> host = new ComboBox<>(vm.hosts());
        host.setId("history-host");
        host.valueProperty().bindBidirectional(vm.historyHostProperty());
        Label hostLabel = Forms.keepText(new Label("Host"));
        FlowPane top = new FlowPane(8, 6, hostLabel, host);
        top.setAlignment(Pos.CENTER_LEFT);
        CategoryAxis x = new CategoryAxis();
        x.setLabel("scan (time)");
        NumberAxis y = new NumberAxis();
        y.setLabel("index or count");
        y.setForceZeroInRange(true);
        LineChart<String, Number> chart = new LineChart<>(x, y);
        chart.setId("history-chart");
        chart.setTitle("Hardening index and open findings");
        chart.setAnimated(false);
        chart.setMinHeight(280);
        XYChart.Series<String, Number> index = new XYChart.Series<>();
        index.setName("hardening index (0–100, host audit)");
        XYChart.Series<String, Number> open = new XYChart.Series<>();
        open.setName("open findings (count)");
        chart.getData().addAll(List.of(index, open));
        Label none = Forms.hint("No scans of this host yet.");
        vm.history().addListener((ListChangeListener<HistoryPoint>) c -> draw(vm.history(), index, open, none));
        draw(vm.history(), index, open, none);
        VBox box = new VBox(8, top, none, chart);
        VBox.setVgrow(chart, Priority.ALWAYS);
        box.setPadding(new Insets(8));
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        return scroll;
    }

    private static void draw(List<HistoryPoint> points, XYChart.Series<String, Number> index, XYChart.Series<String, Number> open,
                             Label none) {
        List<XYChart.Data<String, Number>> i = new ArrayList<>();
        List<XYChart.Data<String, Number>> o = new ArrayList<>();
        for (HistoryPoint p : points) {
            String at = SHORT.format(p.time()); // short, so the labels stand upright
            at = o.stream().anyMatch(d -> d.getXValue().startsWith(SHORT.format(p.time()))) ? at + " #" + p.scanId() : at;
            if (p.index() != null) {
                i.add(new XYChart.Data<>(at, p.index()));
            }
            o.add(new XYChart.Data<>(at, p.openCount()));
        }
        index.getData().setAll(i);
        open.getData().setAll(o);
        none.setVisible(points.isEmpty());
        none.setManaged(points.isEmpty());
    }

    /** Two scans chosen from the stored runs, compared. */
    static VBox compare(SecurityViewModel vm) {
        ComboBox<ScanRun> a = runs(vm, "compare-a");
        ComboBox<ScanRun> b = runs(vm, "compare-b");
        var go = Forms.button("Compare", e -> vm.compare(a.getValue(), b.getValue()));
        go.setId("compare-go");
        var form = Forms.form().row("Older scan", a).row("Newer scan", b).build();
        Label summary = Forms.hint(vm.comparisonProperty().map(ScanHistoryPane::summary).orElse(
                "Choose two scans of the same target (an older and a newer one), then Compare."));
        summary.setId("compare-summary");
        ListView<String> lines = new ListView<>();
        lines.setId("compare-list");
        lines.setPrefHeight(140);
        lines.setMinHeight(100);
        vm.comparisonProperty().addListener((o, old, c) -> lines.getItems().setAll(c == null ? List.of() : lines(c)));
        VBox box = new VBox(8, form, go, summary, lines);
        VBox.setVgrow(lines, Priority.ALWAYS);
        box.setPadding(new Insets(8));
        return box;
    }

    private static ComboBox<ScanRun> runs(SecurityViewModel vm, String id) {
        ComboBox<ScanRun> c = new ComboBox<>(vm.runs());
        c.setId(id);
        c.setMaxWidth(Double.MAX_VALUE);
        c.setConverter(new StringConverter<>() {
            @Override
            public String toString(ScanRun r) {
                return r == null ? "" : runLabel(r);
            }

            @Override
            public ScanRun fromString(String s) {
                return null;
            }
        });
        return c;
    }

    static String runLabel(ScanRun r) {
        return "#" + r.id() + " " + r.kind().id() + " " + Shown.line(r.target()) + ", " + Shown.time(r.startedAt());
    }

    static String summary(ScanComparison c) {
        return "From scan #" + c.a().id() + " to #" + c.b().id() + ": " + c.newFindings().size() + " new, " + c.gone().size()
                + " gone, " + c.unchanged().size() + " unchanged.";
    }

    private static List<String> lines(ScanComparison c) {
        List<String> out = new ArrayList<>();
        c.newFindings().forEach(f -> out.add("new        " + line(f)));
        c.gone().forEach(f -> out.add("gone       " + line(f)));
        c.unchanged().forEach(f -> out.add("unchanged  " + line(f)));
        return out;
    }

    private static String line(StoredFinding f) {
        return f.finding().rating() + "  " + Shown.line(f.finding().title()) + " (" + Shown.line(f.finding().id()) + ")";
    }
}
