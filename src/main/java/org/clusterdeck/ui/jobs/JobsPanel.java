package org.clusterdeck.ui.jobs;

import java.util.concurrent.Executor;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.clusterdeck.model.JobState;

/**
 * The jobs panel: running and finished jobs with progress, cancel, and the selected job's log.
 * History logs are fetched on demand through {@code logLoader} (called off the FX thread).
 */
public final class JobsPanel extends BorderPane {
    private final TableView<JobItem> table = new TableView<>();
    private final ListView<String> log = new ListView<>();

    public JobsPanel(FxJobs jobs, Function<JobItem, java.util.concurrent.CompletableFuture<java.util.List<String>>> logLoader,
                     Executor fx) {
        setId("jobs-panel");
        getStyleClass().add("jobs-panel");
        table.setId("jobs-table");
        table.setItems(jobs.items());
        table.setPlaceholder(new Label("No jobs yet. Long operations (sync, apply, benchmark) run here."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        TableColumn<JobItem, String> id = column("#", 50, i -> Bindings.createStringBinding(() -> String.valueOf(i.id())));
        id.setMinWidth(44);
        TableColumn<JobItem, String> name = column("Job", 220, i -> Bindings.createStringBinding(i::name));
        TableColumn<JobItem, String> target = column("Target", 120,
                i -> Bindings.createStringBinding(() -> i.target() == null ? "" : i.target()));
        TableColumn<JobItem, String> state = column("State", 100,
                i -> Bindings.createStringBinding(() -> label(i.stateProperty().get()), i.stateProperty()));
        TableColumn<JobItem, Number> progress = new TableColumn<>("Progress");
        progress.setPrefWidth(140);
        progress.setCellValueFactory(c -> c.getValue().progressProperty());
        progress.setCellFactory(c -> new ProgressCell());
        TableColumn<JobItem, String> message = column("Message", 300, i -> Bindings.createStringBinding(
                () -> i.errorProperty().get() != null ? i.errorProperty().get() : i.messageProperty().get(),
                i.messageProperty(), i.errorProperty()));
        table.getColumns().setAll(java.util.List.of(id, name, target, state, progress, message));

        state.setMinWidth(95); // "succeeded", "cancelled" whole
        Button cancel = org.clusterdeck.ui.common.Forms.keepText(new Button("Cancel job"));
        cancel.setId("cancel-job");
        cancel.setOnAction(e -> {
            JobItem item = table.getSelectionModel().getSelectedItem();
            if (item != null) {
                item.cancel();
            }
        });
        Label placeholder = new Label(SELECT_A_JOB);
        placeholder.setId("job-log-placeholder");
        placeholder.setWrapText(true);
        table.getSelectionModel().selectedItemProperty().addListener((o, old, item) -> {
            cancel.disableProperty().unbind();
            if (item == null) {
                log.setItems(javafx.collections.FXCollections.observableArrayList());
                cancel.setDisable(true);
                placeholder.setText(SELECT_A_JOB);
                return;
            }
            cancel.disableProperty().bind(Bindings.createBooleanBinding(() -> !item.canCancel(), item.stateProperty()));
            log.setItems(item.log());
            if (item.log().isEmpty() && item.stateProperty().get().isFinished()) {
                placeholder.setText("Reading the log…");
                logLoader.apply(item).thenAcceptAsync(lines -> {
                    jobs.fillLog(item, lines);
                    if (table.getSelectionModel().getSelectedItem() == item) {
                        placeholder.setText(NO_LINES);
                    }
                }, fx);
            } else {
                placeholder.setText(item.stateProperty().get().isFinished() ? NO_LINES : "No log lines yet.");
            }
        });
        cancel.setDisable(true);

        log.setId("job-log");
        log.setPlaceholder(placeholder);
        log.getStyleClass().add("job-log");

        Label title = new Label("Jobs");
        title.getStyleClass().add("title-4");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(8, title, spacer, cancel);
        header.setPadding(new Insets(4, 8, 4, 8));
        header.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        SplitPane split = new SplitPane(table, log);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.62);
        this.header = header;
        this.split = split;
        this.compact = compactLine(jobs);
        setTop(header);
        setCenter(split);
    }

    static final String SELECT_A_JOB = "Select a job to see its log.";
    static final String NO_LINES = "This job wrote no log lines.";
    private final HBox header;
    private final SplitPane split;
    private final HBox compact;

    /** One line: the newest job, its progress and message (presentation mode). */
    private static HBox compactLine(FxJobs jobs) {
        Label name = new Label();
        name.setMinWidth(Region.USE_PREF_SIZE);
        ProgressBar bar = new ProgressBar(0);
        bar.setPrefWidth(160);
        Label message = new Label();
        message.setMinWidth(0);
        HBox.setHgrow(message, Priority.ALWAYS);
        Runnable show = () -> {
            JobItem newest = jobs.items().isEmpty() ? null : jobs.items().get(0);
            name.textProperty().unbind();
            bar.progressProperty().unbind();
            message.textProperty().unbind();
            if (newest == null) {
                name.setText("No jobs yet.");
                bar.setProgress(0);
                message.setText("");
                return;
            }
            name.setText(newest.name() + (newest.target() == null ? "" : " · " + newest.target()));
            bar.progressProperty().bind(newest.progressProperty());
            message.textProperty().bind(Bindings.createStringBinding(() -> label(newest.stateProperty().get())
                    + (newest.messageProperty().get() == null ? "" : " · " + newest.messageProperty().get()),
                    newest.stateProperty(), newest.messageProperty()));
        };
        jobs.items().addListener((javafx.collections.ListChangeListener<JobItem>) c -> show.run());
        show.run();
        HBox line = new HBox(10, name, bar, message);
        line.setId("jobs-compact");
        line.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        line.setPadding(new Insets(4, 8, 4, 8));
        return line;
    }

    /** Compact: the panel is one progress line (presentation mode); otherwise the table and the log. */
    public void setCompact(boolean on) {
        setTop(on ? null : header);
        setCenter(on ? compact : split);
    }

    public TableView<JobItem> table() {
        return table;
    }

    private static String label(JobState s) {
        return s == null ? "" : s.dbValue();
    }

    private static TableColumn<JobItem, String> column(String title, double width,
            Function<JobItem, javafx.beans.value.ObservableValue<String>> value) {
        TableColumn<JobItem, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cd -> value.apply(cd.getValue()));
        c.setCellFactory(col -> new TableCell<>() { // a cut value shows whole on hover
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setTooltip(empty || item == null || item.isEmpty() ? null : new javafx.scene.control.Tooltip(item));
            }
        });
        return c;
    }

    private static final class ProgressCell extends TableCell<JobItem, Number> {
        private final ProgressBar bar = new ProgressBar();

        ProgressCell() {
            bar.setMaxWidth(Double.MAX_VALUE);
        }

        @Override
        protected void updateItem(Number value, boolean empty) {
            super.updateItem(value, empty);
            if (empty || value == null) {
                setGraphic(null);
                return;
            }
            JobItem item = getTableRow() == null ? null : getTableRow().getItem();
            boolean running = item != null && item.stateProperty().get() == JobState.RUNNING;
            bar.setProgress(running && value.doubleValue() == 0 ? ProgressBar.INDETERMINATE_PROGRESS : value.doubleValue());
            setGraphic(bar);
        }
    }
}
