package org.clusterdeck.ui.security;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.clusterdeck.scan.FindingState;
import org.clusterdeck.scan.ScanKind;
import org.clusterdeck.scan.ScanRun;
import org.clusterdeck.scan.StoredFinding;
import org.clusterdeck.ui.common.Forms;
import org.clusterdeck.ui.common.Tables;
import org.clusterdeck.ui.security.FindingGroups.HostGroup;
import org.clusterdeck.ui.security.FindingGroups.SeverityGroup;
import org.clusterdeck.ui.security.ScanLaunchViewModel.TargetRun;

/**
 * The Security page beside the diagram: what to scan (target, scanners, Scan/Cancel, progress per
 * target), the sentence to act on, the findings grouped by host and severity with filters, and
 * beside them the selected finding's details and actions, the history chart, the comparison of
 * two scans and the stored scans. Built in code over {@link SecurityViewModel}.
 */
public final class SecurityView {
    /** Opens the hardening wizard for a finding's fix (the feature, which knows the window and inventory). */
    @FunctionalInterface
    public interface FixOpener {
        void open(SecurityViewModel.FixRequest request);
    }

    private final SecurityViewModel vm;
    private final Supplier<Window> owner;
    private final VBox node;
    private final TreeTableView<Object> table = new TreeTableView<>();
    private final FindingDetailsPane details = new FindingDetailsPane();
    private final TabPane side = new TabPane();
    private final Tab progressTab;

    public SecurityView(SecurityViewModel vm, Supplier<Window> owner, FixOpener fixOpener) {
        this.vm = vm;
        this.owner = owner;
        Label headline = new Label();
        headline.textProperty().bind(vm.headlineProperty());
        headline.setId("security-headline");
        headline.getStyleClass().add("title-4");
        headline.setWrapText(true);
        headline.setMinHeight(Region.USE_PREF_SIZE);
        Label status = Forms.hint(vm.statusProperty());
        status.setId("security-status");
        Label launchStatus = Forms.hint(vm.launch().statusProperty());
        launchStatus.setId("security-scan-status");

        progressTab = new Tab("Progress", progressTable(vm.launch()));
        Tab detailsTab = new Tab("Details", details.node());
        TableView<ScanRun> runs = runsTable(vm);
        runs.setPrefHeight(170);
        runs.setMinHeight(120);
        Button html = Forms.button("Export HTML…", e -> export(runs.getSelectionModel().getSelectedItem(), true));
        html.setId("security-export-html");
        Button json = Forms.button("Export JSON…", e -> export(runs.getSelectionModel().getSelectedItem(), false));
        json.setId("security-export-json");
        html.disableProperty().bind(runs.getSelectionModel().selectedItemProperty().isNull());
        json.disableProperty().bind(html.disableProperty());
        VBox scansBox = new VBox(8, runs, new FlowPane(6, 6, html, json), ScanHistoryPane.compare(vm));
        scansBox.setPadding(new Insets(8, 0, 0, 0));
        javafx.scene.control.ScrollPane scansScroll = new javafx.scene.control.ScrollPane(scansBox);
        scansScroll.setFitToWidth(true);
        side.getTabs().addAll(detailsTab, progressTab, new Tab("History", ScanHistoryPane.history(vm)), new Tab("Scans", scansScroll));
        side.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        side.setId("security-side");

        VBox findings = new VBox(6, filters(), findingsTable());
        VBox.setVgrow(table, Priority.ALWAYS);
        SplitPane split = new SplitPane(findings, side);
        split.setDividerPositions(0.52);
        VBox.setVgrow(split, Priority.ALWAYS);
        node = new VBox(6, launchForm(fixOpener), launchStatus, headline, status, split);
        node.setPadding(new Insets(8));
        node.setId("security-view");

        details.accept.setOnAction(e -> reason("Accept finding", "Why does this finding need no fix here? (shown in reports)")
                .ifPresent(vm::accept));
        details.falsePositive.setOnAction(e -> reason("Mark as false positive", "Why is the scanner wrong here? (shown in reports)")
                .ifPresent(vm::falsePositive));
        details.reopen.setOnAction(e -> vm.reopen());
        details.rescan.setOnAction(e -> vm.rescanSelected());
        details.fixButton.setOnAction(e -> vm.fixRequest().ifPresent(fixOpener::open));
        details.rescan.disableProperty().bind(vm.busyProperty());
        vm.selection().addListener((ListChangeListener<StoredFinding>) c ->
                details.show(vm.selection().isEmpty() ? null : vm.selection().get(0), vm.selection().size()));
        vm.groups().addListener((ListChangeListener<HostGroup>) c -> fill());
        vm.launch().busyProperty().addListener((o, a, b) -> {
            if (b) {
                side.getSelectionModel().select(progressTab);
            }
        });
    }

    public Node node() {
        return node;
    }

    public SecurityViewModel viewModel() {
        return vm;
    }

    /** Aims the form at a host (the host's "Scan host…") and shows its findings. */
    public void prefill(String host) {
        vm.launch().targetProperty().set(host);
        vm.showHost(host);
    }

    private Node launchForm(FixOpener fixOpener) {
        ScanLaunchViewModel l = vm.launch();
        ComboBox<String> target = new ComboBox<>(l.choices());
        target.setId("security-target");
        target.setEditable(true);
        target.setPromptText("site, host, HOST:PORT or URL");
        target.setPrefWidth(240);
        target.valueProperty().bindBidirectional(l.targetProperty());
        target.getEditor().textProperty().addListener((o, a, b) -> l.targetProperty().set(b));
        CheckBox all = new CheckBox("all that apply");
        all.setId("security-all");
        all.selectedProperty().bindBidirectional(l.allProperty());
        FlowPane row = new FlowPane(8, 6);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getChildren().addAll(Forms.keepText(new Label("Scan")), target, Forms.keepText(all));
        for (ScanKind k : ScanKind.values()) {
            CheckBox c = new CheckBox(k == ScanKind.HOST ? "host audit (SSH)" : k.id());
            c.setId("security-kind-" + k.id());
            c.selectedProperty().bindBidirectional(l.kindProperty(k));
            c.disableProperty().bind(l.allProperty());
            row.getChildren().add(Forms.keepText(c));
        }
        Button scan = Forms.button("Scan", e -> vm.scan());
        scan.setId("security-scan");
        scan.setDefaultButton(false);
        scan.disableProperty().bind(l.busyProperty());
        Button cancel = Forms.button("Cancel", e -> l.cancel());
        cancel.setId("security-cancel");
        cancel.disableProperty().bind(l.busyProperty().not());
        row.getChildren().addAll(scan, cancel);
        return row;
    }

    private Node filters() {
        ComboBox<String> host = new ComboBox<>();
        host.setId("filter-host");
        Runnable hosts = () -> {
            String keep = vm.hostFilterProperty().get();
            host.getItems().setAll(new java.util.ArrayList<>(List.of(ALL_HOSTS)));
            host.getItems().addAll(vm.hosts());
            host.setValue(keep == null ? ALL_HOSTS : keep);
        };
        vm.hosts().addListener((ListChangeListener<String>) c -> hosts.run());
        hosts.run();
        host.valueProperty().addListener((o, a, b) -> vm.hostFilterProperty().set(b == null || b.equals(ALL_HOSTS) ? null : b));
        vm.hostFilterProperty().addListener((o, a, b) -> host.setValue(b == null ? ALL_HOSTS : b));
        ComboBox<String> severity = new ComboBox<>();
        severity.setId("filter-severity");
        severity.getItems().add("any severity");
        FindingGroups.LABELS.keySet().stream().filter(k -> !k.equals("None")).forEach(k -> severity.getItems().add(k + " or worse"));
        severity.setValue("any severity");
        severity.valueProperty().addListener((o, a, b) -> vm.minSeverityProperty().set(b == null || b.startsWith("any") ? 0
                : FindingGroups.LABELS.get(b.replace(" or worse", ""))));
        FlowPane row = new FlowPane(8, 6, host, severity);
        row.setAlignment(Pos.CENTER_LEFT);
        for (FindingState s : FindingState.values()) {
            CheckBox c = new CheckBox(s.label().replace('-', ' '));
            c.setId("filter-state-" + s.label());
            c.setSelected(vm.states().contains(s));
            c.selectedProperty().addListener((o, a, b) -> {
                if (b) {
                    vm.states().add(s);
                } else {
                    vm.states().remove(s);
                }
            });
            row.getChildren().add(Forms.keepText(c));
        }
        TextField text = new TextField();
        text.setId("filter-text");
        text.setPromptText("search title, check, evidence");
        text.setPrefColumnCount(16);
        text.textProperty().bindBidirectional(vm.textProperty());
        row.getChildren().add(text);
        return row;
    }

    private static final String ALL_HOSTS = "all hosts";

    private Node findingsTable() {
        table.setId("findings-table");
        table.setShowRoot(false);
        table.setRoot(new TreeItem<>());
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label empty = new Label("No findings match the filters (only open ones are shown at first).");
        empty.setWrapText(true);
        table.setPlaceholder(empty);
        // one wide column: the severity pill (colour and word) beside the title, both whole (the title wraps)
        TreeTableColumn<Object, Object> what = new TreeTableColumn<>("Finding (severity, title)");
        what.setPrefWidth(300);
        what.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue().getValue()));
        what.setCellFactory(c -> new TreeTableCell<>() {
            private final Label pill = new Label();
            private final javafx.scene.text.Text text = new javafx.scene.text.Text();
            private final javafx.scene.layout.HBox box = new javafx.scene.layout.HBox(6, pill, text);

            {
                box.setAlignment(Pos.CENTER_LEFT);
                pill.setMinWidth(Region.USE_PREF_SIZE);
                text.getStyleClass().add("text");
                text.fillProperty().bind(textFillProperty());
                text.fontProperty().bind(fontProperty());
            }

            @Override
            protected void updateItem(Object item, boolean empty) {
                super.updateItem(item, empty);
                setText(null);
                if (empty || item == null) {
                    setGraphic(null);
                    return;
                }
                boolean finding = item instanceof StoredFinding;
                pill.setVisible(finding);
                pill.setManaged(finding);
                if (item instanceof StoredFinding f) {
                    pill.setText(f.finding().rating());
                    pill.getStyleClass().setAll("label", Shown.severityClass(f.finding().severity()));
                }
                int level = getTreeTableView().getTreeItemLevel(getTableRow() == null ? null : getTableRow().getTreeItem());
                text.wrappingWidthProperty().unbind();
                text.wrappingWidthProperty().bind(c.widthProperty().subtract(finding ? pill.widthProperty().add(6) : pill.widthProperty()
                        .multiply(0)).subtract(28 + 18 * Math.max(0, level)));
                text.setText(whatText(item));
                text.setStyle(finding ? "" : "-fx-font-weight: bold;");
                setGraphic(box);
            }
        });
        TreeTableColumn<Object, String> state = new TreeTableColumn<>("State");
        state.setPrefWidth(80);
        state.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue().getValue() instanceof StoredFinding f
                ? f.state().label().replace('-', ' ') + (f.fixedByChangeSet() != null ? " by #" + f.fixedByChangeSet() : "") : ""));
        state.setCellFactory(c -> new TreeTableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setWrapText(true);
            }
        });
        table.getColumns().setAll(List.of(what, state));
        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<TreeItem<Object>>) c -> {
            List<StoredFinding> chosen = table.getSelectionModel().getSelectedItems().stream().filter(java.util.Objects::nonNull)
                    .map(TreeItem::getValue).filter(StoredFinding.class::isInstance).map(StoredFinding.class::cast).toList();
            if (!chosen.equals(vm.selection())) {
                vm.selection().setAll(chosen);
            }
        });
        return table;
    }

    private static String whatText(Object item) {
        if (item instanceof HostGroup h) {
            return Shown.line(h.host()) + " — " + h.count() + " finding" + (h.count() == 1 ? "" : "s");
        }
        if (item instanceof SeverityGroup s) {
            return s.label() + " (" + s.findings().size() + ")";
        }
        StoredFinding f = (StoredFinding) item;
        return Shown.line(f.finding().title());
    }

    /** Rebuilds the tree from the groups, keeping the selected findings selected. */
    private void fill() {
        List<Long> selected = vm.selection().stream().map(StoredFinding::id).toList();
        TreeItem<Object> root = new TreeItem<>();
        for (HostGroup h : vm.groups()) {
            TreeItem<Object> hi = new TreeItem<>(h);
            hi.setExpanded(true);
            for (SeverityGroup s : h.severities()) {
                TreeItem<Object> si = new TreeItem<>(s);
                si.setExpanded(true);
                s.findings().forEach(f -> si.getChildren().add(new TreeItem<>(f)));
                hi.getChildren().add(si);
            }
            root.getChildren().add(hi);
        }
        table.setRoot(root);
        for (TreeItem<Object> hi : root.getChildren()) {
            for (TreeItem<Object> si : hi.getChildren()) {
                for (TreeItem<Object> fi : si.getChildren()) {
                    if (selected.contains(((StoredFinding) fi.getValue()).id())) {
                        table.getSelectionModel().select(fi);
                    }
                }
            }
        }
    }

    private Optional<String> reason(String title, String question) {
        TextInputDialog d = new TextInputDialog();
        d.initOwner(owner.get());
        d.setTitle(title);
        d.setHeaderText(question);
        d.setContentText("Reason");
        d.getDialogPane().setMinWidth(480);
        return d.showAndWait().map(String::strip).filter(s -> {
            if (s.isEmpty()) {
                vm.statusProperty().set("A reason is required (it is shown in reports); nothing was changed.");
            }
            return !s.isEmpty();
        });
    }

    private static Node progressTable(ScanLaunchViewModel l) {
        TableView<TargetRun> t = Tables.table("security-progress", "Each target's scan shows its progress here.");
        TableColumn<TargetRun, String> target = Tables.column("Target", 120, r -> Shown.line(r.target()));
        TableColumn<TargetRun, Number> progress = new TableColumn<>("Progress");
        progress.setPrefWidth(110);
        progress.setCellValueFactory(d -> d.getValue().progressProperty());
        progress.setCellFactory(c -> new TableCell<>() {
            private final ProgressBar bar = new ProgressBar();

            @Override
            protected void updateItem(Number v, boolean empty) {
                super.updateItem(v, empty);
                bar.setMaxWidth(Double.MAX_VALUE);
                bar.setProgress(v == null ? -1 : v.doubleValue());
                setGraphic(empty ? null : bar);
            }
        });
        TableColumn<TargetRun, String> status = Tables.wrappingColumn("Status", 200, r -> "");
        status.setCellValueFactory(d -> d.getValue().statusProperty());
        t.getColumns().setAll(List.of(target, progress, status));
        t.setItems(l.runs());
        Tables.keepTitlesWhole(t);
        return t;
    }

    /** Asks where to write the report of {@code run}; the view model writes it in a job. */
    private void export(ScanRun run, boolean html) {
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.setTitle("Export the report of scan #" + run.id());
        chooser.setInitialFileName("scan-" + run.id() + (html ? ".html" : ".json"));
        chooser.getExtensionFilters().add(html ? new javafx.stage.FileChooser.ExtensionFilter("HTML report", "*.html")
                : new javafx.stage.FileChooser.ExtensionFilter("JSON report", "*.json"));
        java.io.File file = chooser.showSaveDialog(owner.get());
        if (file != null) {
            vm.export(run, html, file.toPath());
        }
    }

    private static TableView<ScanRun> runsTable(SecurityViewModel vm) {
        TableView<ScanRun> t = Tables.table("security-runs", "No scans stored yet.");
        t.getColumns().setAll(List.of(
                Tables.column("Scan", 70, r -> "#" + r.id() + " " + r.kind().id()),
                Tables.wrappingColumn("Target, started", 150, r -> Shown.line(r.target()) + "\n" + Shown.time(r.startedAt())),
                Tables.wrappingColumn("Result", 150, r -> (r.error() != null ? "failed: " + Shown.line(r.error())
                        : r.findingCount() + " finding(s)" + (r.index() == null ? "" : ", index " + r.index() + "/100"))
                        + " in " + r.elapsedMs() + " ms")));
        t.setItems(vm.runs());
        Tables.keepTitlesWhole(t);
        return t;
    }
}
