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
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;
import javafx.scene.control.ScrollPane;
import org.clusterdeck.ui.common.Dialogs;
import org.clusterdeck.ui.common.Forms;
import org.clusterdeck.ui.common.FxDialogs;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;
import javafx.scene.text.Text;
import javafx.stage.Window;
import atlantafx.base.theme.Styles;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.clusterdeck.text.TerminalText;
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
    private static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    public BenchmarkView(UiContext ctx) {
        this(new BenchmarkViewModel(ctx));
    }

    public BenchmarkView(BenchmarkViewModel vm) {
        this.vm = vm;
        this.charts = new BenchmarkCharts(vm.liveSeries(), vm.liveHost());
        root.setId("benchmark-view");
        root.setTop(form());
        // the run above (it scrolls), the stored runs below at full width: side by side, the table's
        // columns did not fit beside the run page at 1280×720
        SplitPane centre = new SplitPane(runPane(), results());
        centre.setOrientation(javafx.geometry.Orientation.VERTICAL);
        centre.setDividerPositions(0.62);
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
        TextField duration = field("bench-duration", vm.durationProperty(), 6);
        TextField rate = field("bench-rate", vm.rateProperty(), 7);
        TextField timeout = field("bench-timeout", vm.timeoutProperty(), 5);
        TextField warmup = field("bench-warmup", vm.warmupProperty(), 5);
        warmup.setPromptText("none");
        TextField label = field("bench-label", vm.labelProperty(), 12);
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
        insecure.setMinWidth(Region.USE_PREF_SIZE);
        insecure.selectedProperty().bindBidirectional(vm.insecureProperty());

        headers.setPrefRowCount(1);
        // three short forms side by side: what to load, how hard, and how to label it
        GridPane what = Forms.form().row("URL", url).row("Method", method).row("Headers", headers).row("Body", body)
                .row("Label", label).span(insecure).build();
        GridPane load = Forms.form().row("Connections", conns).row("Requests", requests, "or a duration")
                .row("Duration", duration, "e.g. 10s").row("Rate", rate, "req/s").hint("Empty rate: closed loop.").build();
        GridPane more = Forms.form().row("Timeout", timeout, "e.g. 5s").row("Warm-up", warmup, "e.g. 2s")
                .hint("Warm-up is not measured.").build();
        HBox g = new HBox(18, what, load, more);
        HBox.setHgrow(what, Priority.ALWAYS);
        Button start = Forms.button("Start", e -> vm.start());
        start.setId("bench-start");
        start.setDefaultButton(true);
        start.disableProperty().bind(vm.runningProperty().or(vm.validationProperty().isNotEmpty()));
        Button cancel = Forms.button("Cancel", e -> vm.cancel());
        cancel.setId("bench-cancel");
        cancel.disableProperty().bind(vm.runningProperty().not());
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

    /** The shown run's header and numbers, then the charts; scrolls rather than squashing the charts. */
    private Node runPane() {
        Label title = new Label();
        title.setId("bench-run-title");
        title.getStyleClass().add(Styles.TITLE_3);
        title.setWrapText(true);
        Label header = new Label();
        header.setId("bench-run-header");
        header.setWrapText(true);
        VBox tiles = new VBox();
        tiles.setId("bench-run-figures");
        vm.shownRunProperty().addListener((o, a, run) -> showRun(run, title, header, tiles));
        showRun(vm.shownRunProperty().get(), title, header, tiles);
        VBox box = new VBox(8, title, header, tiles, charts.node());
        box.setPadding(new Insets(8));
        ScrollPane scroll = new ScrollPane(box);
        scroll.setId("bench-run");
        scroll.setFitToWidth(true);
        return scroll;
    }

    private static void showRun(BenchmarkRun run, Label title, Label header, VBox tiles) {
        if (run == null) {
            title.setText("No run shown");
            header.setText("Fill in the form and press Start, or pick a run in the table on the right.");
            tiles.getChildren().clear();
            return;
        }
        title.setText(RunFigures.title(run));
        header.setText(RunFigures.header(run));
        tiles.getChildren().setAll(RunFigures.tiles(run, "bench-figure-"));
    }

    private Node results() {
        table.setId("bench-history");
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setItems(vm.history());
        table.setPlaceholder(new Label("No runs stored yet."));
        // columns share the width (none narrower than its title), so no header is cut or pushed out of the window
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        org.clusterdeck.ui.common.Tables.keepTitlesWhole(table);
        table.getColumns().add(column("Label", r -> (r.result().cancelled() ? "[cancelled] " : "")
                + (r.label() == null ? "" : TerminalText.line(r.label())), 140));
        table.getColumns().add(column("#", r -> String.valueOf(r.id()), 44));
        table.getColumns().add(column("Started", r -> r.result().startedAt() == null ? ""
                : STARTED.format(r.result().startedAt()), 150));
        TableColumn<BenchmarkRun, String> url = column("URL", r -> r.result().spec().url().toString(), 160);
        table.getColumns().add(url);
        // mode and connections are in the header of the run shown above: the table keeps what tells runs apart
        table.getColumns().add(column("Requests/s", r -> String.format(Locale.ROOT, "%,.0f", r.result().requestsPerSecond()), 90));
        table.getColumns().add(column("p99 (ms)", r -> String.format(Locale.ROOT, "%.2f", r.result().latency().p99() / 1000.0), 80));
        table.getColumns().add(column("Errors", r -> String.format(Locale.ROOT, "%,d", r.result().errors()), 70));
        vm.history().addListener((ListChangeListener<BenchmarkRun>) c -> {
            url.setPrefWidth(Math.min(520, Math.max(160, widest(vm.history().stream()
                    .map(r -> r.result().spec().url().toString()).toList()) + 24)));
            selectShown();
        });
        vm.shownRunProperty().addListener((o, a, b) -> selectShown());
        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<BenchmarkRun>) c -> {
            List<BenchmarkRun> sel = table.getSelectionModel().getSelectedItems();
            if (!syncing && sel.size() == 1) {
                vm.show(sel.get(0));
            }
        });

        Button compare = button("Compare…", "bench-compare");
        compare.disableProperty().bind(Bindings.size(table.getSelectionModel().getSelectedItems()).isNotEqualTo(2));
        compare.setOnAction(e -> {
            List<BenchmarkRun> sel = table.getSelectionModel().getSelectedItems();
            ComparisonView.open(vm.context(), sel.get(0).id(), sel.get(1).id(), window());
        });
        Button relabel = button("Relabel…", "bench-relabel");
        relabel.disableProperty().bind(Bindings.size(table.getSelectionModel().getSelectedItems()).isNotEqualTo(1));
        relabel.setOnAction(e -> relabel(table.getSelectionModel().getSelectedItem()));
        Button delete = button("Delete…", "bench-delete");
        delete.disableProperty().bind(Bindings.isEmpty(table.getSelectionModel().getSelectedItems())
                .or(vm.runningProperty()));
        delete.setOnAction(e -> delete(List.copyOf(table.getSelectionModel().getSelectedItems())));
        Button csv = button("Export CSV…", "bench-export-csv");
        csv.setOnAction(e -> exportRun(BenchmarkExport.Format.CSV));
        Button json = button("Export JSON…", "bench-export-json");
        json.setOnAction(e -> exportRun(BenchmarkExport.Format.JSON));
        Button png = button("Charts as PNG…", "bench-charts-png");
        png.setOnAction(e -> exportCharts());
        Label hint = new Label("Select two runs (Ctrl+click) to compare them.");
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        hint.setWrapText(true);
        hint.setMinHeight(Region.USE_PREF_SIZE); // wrapped, never cut
        FlowPane buttons = new FlowPane(6, 6, compare, relabel, delete, csv, json, png);
        VBox box = new VBox(6, table, buttons, hint);
        VBox.setVgrow(table, Priority.ALWAYS);
        box.setPadding(new Insets(4));
        return box;
    }

    private boolean syncing;

    /** Keeps the table's selection on the run the page shows (a refreshed table must not show an old row). */
    private void selectShown() {
        BenchmarkRun shown = vm.shownRunProperty().get();
        if (shown == null || table.getSelectionModel().getSelectedItems().size() > 1) {
            return;
        }
        syncing = true;
        try {
            for (int i = 0; i < table.getItems().size(); i++) {
                if (table.getItems().get(i).id() == shown.id()) {
                    table.getSelectionModel().clearAndSelect(i);
                    return;
                }
            }
            table.getSelectionModel().clearSelection();
        } finally {
            syncing = false;
        }
    }

    private void relabel(BenchmarkRun run) {
        TextInputDialog d = new TextInputDialog(run.label() == null ? "" : run.label());
        d.initOwner(window());
        d.setTitle("Relabel run #" + run.id());
        d.setHeaderText("A label says what was different in this run, e.g. \"after tuning\". Leave it empty to remove it.");
        d.setContentText("Label");
        d.getDialogPane().setMinWidth(480);
        d.showAndWait().ifPresent(l -> vm.relabel(run, l));
    }

    private void delete(List<BenchmarkRun> toDelete) {
        String which = toDelete.size() == 1 ? "run #" + toDelete.get(0).id()
                + (toDelete.get(0).label() == null ? "" : " (" + TerminalText.line(toDelete.get(0).label()) + ")")
                : toDelete.size() + " runs (" + String.join(", ", toDelete.stream().map(r -> "#" + r.id()).toList()) + ")";
        if (new FxDialogs(this::window).confirm(new Dialogs.Confirmation("Delete " + which + "?",
                "Its numbers, series and latency histogram are removed from this machine's database; this cannot be "
                        + "undone. Export it first to keep a copy.", "Delete"))) {
            vm.delete(toDelete);
        }
    }

    private Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    private static Button button(String text, String id) {
        Button b = Forms.button(text, null);
        b.setId(id);
        return b;
    }

    private static double widest(List<String> texts) {
        Text t = new Text();
        double w = 0;
        for (String s : texts) {
            t.setText(s);
            w = Math.max(w, t.getLayoutBounds().getWidth());
        }
        return w;
    }

    /** A text column whose cells show their full text as a tooltip (a narrow column never hides it). */
    private static TableColumn<BenchmarkRun, String> column(String title, java.util.function.Function<BenchmarkRun, String> f,
                                                           double width) {
        TableColumn<BenchmarkRun, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(f.apply(cd.getValue())));
        c.setPrefWidth(Math.max(width, new Text(title).getLayoutBounds().getWidth() + 28));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setTooltip(empty || item == null || item.isEmpty() ? null : new Tooltip(item));
            }
        });
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
        return fc.showSaveDialog(window());
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
