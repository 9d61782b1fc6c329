package org.clusterdeck.ui.tuning;

import org.clusterdeck.ui.common.Tables;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.geometry.Orientation;
import org.clusterdeck.ui.tuning.TuningRows.PreviewRow;

/** Step 4: key / current / proposed / why per host, and the exact commands and file content. */
final class PreviewStep {
    private final VBox root;

    PreviewStep(TuningWizardModel model) {
        TableView<PreviewRow> table = Tables.table("tuning-preview", "Nothing to change.");
        table.getColumns().add(Tables.column("Host", 100, PreviewRow::host));
        table.getColumns().add(Tables.column("Key", 230, PreviewRow::key));
        table.getColumns().add(Tables.column("Current", 110, PreviewRow::current));
        table.getColumns().add(Tables.column("Proposed", 110, r -> r.changes() ? r.proposed() : r.proposed() + " (same)"));
        table.getColumns().add(Tables.column("Risk", 60, PreviewRow::risk));
        table.getColumns().add(Tables.column("Why", 360, PreviewRow::why));
        table.setItems(model.preview());

        ComboBox<String> host = new ComboBox<>();
        host.setId("tuning-preview-host");
        TextArea commands = new TextArea();
        commands.setId("tuning-commands");
        commands.setEditable(false);
        commands.setStyle("-fx-font-family: monospace;");
        Runnable refresh = () -> {
            java.util.List<String> hosts = model.preview().stream().map(PreviewRow::host).distinct().toList();
            if (!host.getItems().equals(hosts)) {
                host.getItems().setAll(hosts);
            }
            if (host.getValue() == null && !hosts.isEmpty()) {
                host.setValue(hosts.get(0));
            }
            commands.setText(host.getValue() == null ? "" : model.commandsText(host.getValue()));
        };
        model.preview().addListener((javafx.collections.ListChangeListener<PreviewRow>) c -> refresh.run());
        host.valueProperty().addListener((o, a, b) -> refresh.run());
        refresh.run();

        CheckBox dryRun = new CheckBox("Dry run: change nothing, only show what would run");
        dryRun.setId("tuning-dry-run");
        dryRun.selectedProperty().bindBidirectional(model.dryRunProperty());
        VBox commandsBox = new VBox(6, new HBox(8, new Label("Commands and file for"), host), commands);
        VBox.setVgrow(commands, Priority.ALWAYS);
        SplitPane split = new SplitPane(table, commandsBox);
        split.setOrientation(Orientation.VERTICAL);
        VBox.setVgrow(split, Priority.ALWAYS);
        root = new VBox(8, split, dryRun);
    }

    Node node() {
        return root;
    }
}
