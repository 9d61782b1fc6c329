package org.clusterdeck.ui.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javax.imageio.ImageIO;
import org.clusterdeck.bench.BenchmarkExport;
import org.clusterdeck.model.BenchmarkRun;
import org.clusterdeck.ui.UiContext;

/**
 * The benchmark page: a form, start/cancel with progress, live charts, the result, the history
 * of runs with compare and export. A {@link Node} for the main window's centre area or a tab:
 * {@code new BenchmarkView(ctx).node()}; {@link #prefill} opens it on a load balancer's or VM's URL.
 */
public final class BenchmarkView {
    private final BenchmarkViewModel vm;
    private final BenchmarkCharts charts;
    private final TableView<BenchmarkRun> table = new TableView<>();
    private final BorderPane root = new BorderPane();

    public BenchmarkView(UiContext ctx) {
        this(new BenchmarkViewModel(ctx));
    }

    public BenchmarkView(BenchmarkViewModel vm) {
        this.vm = vm;
        this.charts = new BenchmarkCharts(vm.liveSeries(), vm.liveHost());
        root.setId("benchmark-view");
        root.setTop(form());
        SplitPane centre = new SplitPane(charts.node(), results());
        centre.setDividerPositions(0.6);
        root.setCenter(centre);
        vm.refreshHistory();
    }

    public Node node() {
        return root;
    }

    public BenchmarkViewModel viewModel() {
        return vm;
    }

    /** Fills the URL (e.g. {@code http://10.213.0.11:80/} of a lab LB); kind is "lb", "vm" or "host". */
    public void prefill(String url, String kind, String name) {
        vm.prefill(url, kind, name);
    }

    /** Same, for a plain URL. */
    public void prefill(String url) {
        vm.prefill(url, "url", null);
    }

    private Node form() {
        TextField url = field("bench-url", vm.urlProperty(), 40);
        TextField conns = field("bench-connections", vm.connectionsProperty(), 6);
        TextField requests = field("bench-requests", vm.requestsProperty(), 8);
        requests.setPromptText("or duration");
        TextField duration = field("bench-duration", vm.durationProperty(), 6);
        TextField rate = field("bench-rate", vm.rateProperty(), 7);
        rate.setPromptText("closed loop");
        TextField timeout = field("bench-timeout", vm.timeoutProperty(), 5);
        TextField warmup = field("bench-warmup", vm.warmupProperty(), 5);
        warmup.setPromptText("none");
        TextField label = field("bench-label", vm.labelProperty(), 18);
        label.setPromptText("e.g. before tuning");
        TextField body = field("bench-body", vm.bodyProperty(), 18);
        ComboBox<String> method = new ComboBox<>();
        method.getItems().addAll("GET", "HEAD", "POST", "PUT", "DELETE");
        method.setEditable(true);
        method.valueProperty().bindBidirectional(vm.methodProperty());
        TextArea headers = new TextArea();
        headers.setId("bench-headers");
        headers.setPromptText("Name: value (one per line; !Name: value keeps it secret)");
        headers.setPrefRowCount(2);
        headers.setPrefColumnCount(24);
        headers.textProperty().bindBidirectional(vm.headersProperty());
        CheckBox insecure = new CheckBox("Accept self-signed TLS (lab)");
        insecure.selectedProperty().bindBidirectional(vm.insecureProperty());

        GridPane g = new GridPane();
        g.setHgap(6);
        g.setVgap(4);
        g.addRow(0, new Label("URL"), url, new Label("Connections"), conns, new Label("Requests"), requests,
                new Label("Duration"), duration);
        g.addRow(1, new Label("Rate/s"), rate, new Label("Method"), method, new Label("Timeout"), timeout,
                new Label("Warm-up"), warmup);
        g.addRow(2, new Label("Headers"), headers, new Label("Body"), body, new Label("Label"), label);
        GridPane.setColumnSpan(label, 3);
        g.add(insecure, 1, 3);

        Button start = new Button("Start");
        start.setId("bench-start");
        start.setDefaultButton(true);
        start.disableProperty().bind(vm.runningProperty().or(vm.validationProperty().isNotEmpty()));
        start.setOnAction(e -> vm.start());
        Button cancel = new Button("Cancel");
        cancel.setId("bench-cancel");
        cancel.disableProperty().bind(vm.runningProperty().not());
        cancel.setOnAction(e -> vm.cancel());
        ProgressBar progress = new ProgressBar();
        progress.progressProperty().bind(vm.progressProperty());
        progress.setPrefWidth(200);
        Label status = new Label();
        status.setId("bench-status");
        status.textProperty().bind(vm.statusProperty());
        Label invalid = new Label();
        invalid.setId("bench-validation");
        invalid.getStyleClass().add("danger");
        invalid.textProperty().bind(vm.validationProperty());
        HBox actions = new HBox(8, start, cancel, progress, status);
        VBox top = new VBox(6, g, invalid, actions);
        top.setPadding(new Insets(8));
        return top;
    }

    private TextField field(String id, javafx.beans.property.StringProperty p, int columns) {
        TextField f = new TextField();
        f.setId(id);
        f.setPrefColumnCount(columns);
        f.textProperty().bindBidirectional(p);
        return f;
    }

    private Node results() {
        TextArea summary = new TextArea();
        summary.setId("bench-summary");
        summary.setEditable(false);
        summary.setPrefRowCount(6);
        summary.setStyle("-fx-font-family: monospace;");
        summary.textProperty().bind(vm.summaryProperty());

        table.setId("bench-history");
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setItems(vm.history());
        table.getColumns().add(column("#", r -> r.id()));
        table.getColumns().add(column("Started", r -> r.result().startedAt() == null ? "" : r.result().startedAt().toString()
                .replace('T', ' ').replaceFirst("\\.\\d+Z$", "")));
        table.getColumns().add(column("URL", r -> r.result().spec().url().toString()));
        table.getColumns().add(column("Mode", r -> r.result().spec().constantRate() ? "rate " + (long) r.result().spec().rate() : "closed"));
        table.getColumns().add(column("Conns", r -> r.result().spec().connections()));
        table.getColumns().add(column("Req/s", r -> Math.round(r.result().requestsPerSecond())));
        table.getColumns().add(column("p99 ms", r -> String.format(Locale.ROOT, "%.2f", r.result().latency().p99() / 1000.0)));
        table.getColumns().add(column("Errors", r -> r.result().errors()));
        table.getColumns().add(column("Label", r -> (r.result().cancelled() ? "[cancelled] " : "") + (r.label() == null ? "" : r.label())));
        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<BenchmarkRun>) c -> {
            List<BenchmarkRun> sel = table.getSelectionModel().getSelectedItems();
            if (sel.size() == 1 && !vm.runningProperty().get()) {
                vm.show(sel.get(0));
            }
        });

        Button compare = new Button("Compare");
        compare.setId("bench-compare");
        compare.disableProperty().bind(Bindings.size(table.getSelectionModel().getSelectedItems()).isNotEqualTo(2));
        compare.setOnAction(e -> {
            List<BenchmarkRun> sel = table.getSelectionModel().getSelectedItems();
            vm.compare(sel.get(0), sel.get(1));
        });
        Button csv = new Button("Export CSV…");
        csv.setOnAction(e -> exportRun(BenchmarkExport.Format.CSV));
        Button json = new Button("Export JSON…");
        json.setOnAction(e -> exportRun(BenchmarkExport.Format.JSON));
        Button png = new Button("Charts as PNG…");
        png.setOnAction(e -> exportCharts());
        Label comparison = new Label();
        comparison.setId("bench-comparison");
        comparison.setWrapText(true);
        comparison.textProperty().bind(vm.comparisonProperty());
        VBox box = new VBox(6, summary, table, new HBox(6, compare, csv, json, png), comparison);
        VBox.setVgrow(table, Priority.ALWAYS);
        box.setPadding(new Insets(4));
        return box;
    }

    private static <T> TableColumn<BenchmarkRun, T> column(String title, java.util.function.Function<BenchmarkRun, T> f) {
        TableColumn<BenchmarkRun, T> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(f.apply(cd.getValue())));
        return c;
    }

    private BenchmarkRun selectedOrShown() {
        BenchmarkRun sel = table.getSelectionModel().getSelectedItem();
        return sel != null ? sel : vm.shownRunProperty().get();
    }

    private File choose(String title, String ext) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        BenchmarkRun run = selectedOrShown();
        fc.setInitialFileName("benchmark-" + (run == null ? "run" : run.id()) + "." + ext);
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(ext.toUpperCase(Locale.ROOT), "*." + ext));
        return fc.showSaveDialog(root.getScene() == null ? null : root.getScene().getWindow());
    }

    private void exportRun(BenchmarkExport.Format format) {
        String ext = format.name().toLowerCase(Locale.ROOT);
        File f = choose("Export benchmark run", ext);
        if (f != null) {
            vm.export(selectedOrShown(), format, f.toPath());
        }
    }

    private void exportCharts() {
        File f = choose("Save charts as PNG", "png");
        if (f != null) {
            writeChartsPng(f.toPath());
        }
    }

    /** Snapshots the charts (on the FX thread) and writes the PNG in the background. */
    public void writeChartsPng(Path file) {
        WritableImage image = charts.node().snapshot(null, null);
        var buffered = SwingFXUtils.fromFXImage(image, null);
        vm.context().jobs().background("Write charts PNG", () -> {
            if (!ImageIO.write(buffered, "png", file.toFile())) {
                throw new IOException("no PNG writer available");
            }
            return file;
        }).whenCompleteAsync((p, err) -> vm.statusProperty().set(err != null
                ? "Could not write " + file + ": " + err.getMessage() : "Wrote " + file.toAbsolutePath() + "."), vm.context().fx());
    }
}
