package org.clusterdeck.ui.bench;

import atlantafx.base.theme.Styles;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;
import javax.imageio.ImageIO;
import org.clusterdeck.model.BenchmarkRun;
import org.clusterdeck.bench.LatencyPercentiles;
import org.clusterdeck.bench.RunComparison;
import org.clusterdeck.ui.UiContext;
import org.clusterdeck.ui.common.Theme;

/**
 * Two runs side by side: each run's header and numbers, every metric's change with its interval
 * and a plain sentence, and both latency percentile curves overlaid (HdrHistogram style: x is the
 * percentile on a log scale up to 99.999 %, y is ms). The content saves as a PNG for a slide.
 */
public final class ComparisonView {
    private final ComparisonViewModel vm;
    private final VBox content = new VBox(14);
    private final Label status = new Label();
    private final BorderPane root = new BorderPane();

    public ComparisonView(ComparisonViewModel vm) {
        this.vm = vm;
        root.setId("comparison-view");
        content.setId("comparison-content");
        content.setPadding(new Insets(14));
        status.setId("comparison-status");
        status.setWrapText(true);
        status.textProperty().bind(vm.statusProperty());
        Button png = new Button("Save as PNG…");
        png.setId("comparison-png");
        png.setMinWidth(Region.USE_PREF_SIZE);
        png.disableProperty().bind(vm.comparisonProperty().isNull());
        png.setOnAction(e -> choosePng());
        HBox bar = new HBox(10, png, status);
        bar.setPadding(new Insets(8, 14, 8, 14));
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        root.setCenter(scroll);
        root.setBottom(bar);
        vm.comparisonProperty().addListener((o, a, c) -> show(c));
    }

    /** Opens the comparison of two stored runs in its own window. */
    public static ComparisonView open(UiContext ctx, long a, long b, Window owner) {
        ComparisonViewModel model = new ComparisonViewModel(ctx);
        ComparisonView view = new ComparisonView(model);
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle("Compare run #" + Math.min(a, b) + " with run #" + Math.max(a, b));
        Scene scene = new Scene(view.root, 1200, 760);
        scene.getStylesheets().add(Theme.APP_CSS);
        stage.setScene(scene);
        stage.show();
        model.load(a, b);
        return view;
    }

    public Parent node() {
        return root;
    }

    private void show(ComparisonViewModel.Comparison c) {
        content.getChildren().clear();
        if (c == null) {
            return;
        }
        Label title = new Label(RunFigures.title(c.before()) + "  →  " + RunFigures.title(c.after()));
        title.setId("comparison-title");
        title.getStyleClass().add(Styles.TITLE_2);
        title.setWrapText(true);

        HBox sides = new HBox(24, side("Before", c.before(), "cmp-before-"), side("After", c.after(), "cmp-after-"));
        sides.getChildren().forEach(n -> HBox.setHgrow(n, Priority.ALWAYS));

        content.getChildren().addAll(title, sides, changes(c.deltas()), percentileChart(c));
    }

    private static VBox side(String which, BenchmarkRun run, String idPrefix) {
        Label head = new Label(which + ": " + RunFigures.title(run));
        head.getStyleClass().add(Styles.TITLE_4);
        head.setWrapText(true);
        Label header = new Label(RunFigures.header(run));
        header.setWrapText(true);
        VBox box = new VBox(6, head, header, RunFigures.tiles(run, idPrefix));
        box.setMinWidth(0);
        box.setPrefWidth(560);
        return box;
    }

    /** One row per metric: before, after, the change with its interval, and the sentence that says it. */
    private static VBox changes(List<RunComparison.MetricDelta> deltas) {
        GridPane g = new GridPane();
        g.setId("comparison-table");
        g.setHgap(18);
        g.setVgap(6);
        String[] heads = {"Metric", "Before", "After", "Change (95 % interval)", "Verdict"};
        for (int i = 0; i < heads.length; i++) {
            Label h = new Label(heads[i]);
            h.getStyleClass().add(Styles.TEXT_BOLD);
            h.setMinWidth(Region.USE_PREF_SIZE);
            g.add(h, i, 0);
        }
        VBox sentences = new VBox(4);
        sentences.setId("comparison-sentences");
        int row = 1;
        for (RunComparison.MetricDelta d : deltas) {
            String change = !d.enoughData() ? "–" : String.format(Locale.ROOT, "%s%s ± %s (%+.0f %% ± %.0f %%)",
                    d.change() >= 0 ? "+" : "−", d.amount(Math.abs(d.change())), d.amount(d.plusMinus()),
                    d.changePercent(), d.plusMinusPercent());
            Label verdict = new Label(!d.enoughData() ? "not enough data" : !d.significant() ? "noise"
                    : d.improved() ? "better" : "worse");
            verdict.getStyleClass().add(!d.significant() ? Styles.TEXT_MUTED : d.improved() ? Styles.SUCCESS : Styles.DANGER);
            Label[] cells = {new Label(d.metric()), new Label(d.amount(d.before())), new Label(d.amount(d.after())),
                    new Label(change), verdict};
            for (int i = 0; i < cells.length; i++) {
                cells[i].setMinWidth(Region.USE_PREF_SIZE);
                cells[i].setId("cmp-" + i + "-" + (row - 1));
                g.add(cells[i], i, row);
            }
            Label sentence = new Label(d.sentence());
            sentence.setId("cmp-sentence-" + (row - 1));
            sentence.setWrapText(true);
            if (d.significant()) {
                sentence.getStyleClass().add(Styles.TEXT_BOLD);
            }
            sentences.getChildren().add(sentence);
            row++;
        }
        Label note = new Label("Each change compares the per-second values of the two runs: the interval is a 95 % "
                + "bootstrap interval of the difference of their means; \"not noise\" means a Mann-Whitney test finds "
                + "the difference unlikely (p < " + RunComparison.ALPHA + ") if nothing had changed.");
        note.setWrapText(true);
        note.getStyleClass().add(Styles.TEXT_MUTED);
        return new VBox(10, g, sentences, note);
    }

    private static LineChart<Number, Number> percentileChart(ComparisonViewModel.Comparison c) {
        double max = LatencyPercentiles.toLogScale(LatencyPercentiles.MAX_PERCENTILE);
        NumberAxis x = new NumberAxis(0, max, 1);
        x.setLabel("percentile of requests (log scale)");
        x.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                double p = LatencyPercentiles.fromLogScale(n.doubleValue());
                String s = String.format(Locale.ROOT, "%.3f", p).replaceAll("0+$", "").replaceAll("\\.$", "");
                return s + " %";
            }

            @Override
            public Number fromString(String s) {
                return LatencyPercentiles.toLogScale(Double.parseDouble(s.replace("%", "").strip()));
            }
        });
        NumberAxis y = new NumberAxis();
        y.setLabel("latency (ms)");
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setId("comparison-percentiles");
        chart.setTitle("Latency by percentile");
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setMinHeight(320);
        chart.setPrefHeight(380);
        chart.getData().add(series("Before: " + RunFigures.title(c.before()), c.beforeCurve()));
        chart.getData().add(series("After: " + RunFigures.title(c.after()), c.afterCurve()));
        return chart;
    }

    private static XYChart.Series<Number, Number> series(String name, List<LatencyPercentiles.Point> curve) {
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        s.setName(curve.isEmpty() ? name + " (no histogram stored)" : name);
        for (LatencyPercentiles.Point p : curve) {
            s.getData().add(new XYChart.Data<>(p.logScale(), p.millis()));
        }
        return s;
    }

    private void choosePng() {
        ComparisonViewModel.Comparison c = vm.comparisonProperty().get();
        FileChooser fc = new FileChooser();
        fc.setTitle("Save comparison as PNG");
        fc.setInitialFileName("compare-run-" + c.before().id() + "-" + c.after().id() + ".png");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG", "*.png"));
        File f = fc.showSaveDialog(root.getScene() == null ? null : root.getScene().getWindow());
        if (f != null) {
            writePng(f.toPath());
        }
    }

    /** Snapshots the comparison (FX thread) and writes the PNG in the background. */
    public void writePng(Path file) {
        WritableImage image = content.snapshot(null, null);
        var buffered = SwingFXUtils.fromFXImage(image, null);
        vm.context().jobs().background("Write comparison PNG", () -> {
            if (!ImageIO.write(buffered, "png", file.toFile())) {
                throw new IOException("no PNG writer available");
            }
            return file;
        }).whenCompleteAsync((p, err) -> vm.statusProperty().set(err != null
                ? "Could not write " + file + ": " + err.getMessage() : "Wrote " + file.toAbsolutePath() + "."),
                vm.context().fx());
    }

    /** What the view shows as text, for tests and screen readers: title, sentences. */
    List<String> sentences() {
        return content.lookupAll(".label").stream().filter(n -> n.getId() != null && n.getId().startsWith("cmp-sentence-"))
                .map(n -> ((Label) n).getText()).toList();
    }

    Node content() {
        return content;
    }
}
