package org.clusterdeck.ui.tuning;

import org.clusterdeck.ui.common.Tables;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.clusterdeck.ui.tuning.TuningRows.IssueRow;
import org.clusterdeck.ui.tuning.TuningWizardModel.SourceMode;

/** Step 3: what the catalog and each host say about the settings, with the suggested fixes. */
final class ValidationStep {
    private final VBox root;

    ValidationStep(TuningWizardModel model) {
        TableView<IssueRow> table = Tables.table("tuning-issues", "No problems found.");
        table.getColumns().add(Tables.column("Where", 110, IssueRow::where));
        table.getColumns().add(Tables.column("Line", 50, IssueRow::line));
        table.getColumns().add(Tables.column("Severity", 80, IssueRow::severity));
        table.getColumns().add(Tables.column("Problem", 420, r -> r.issue().message()));
        table.getColumns().add(Tables.column("Fix", 300, r -> r.issue().fix()));
        table.setItems(model.issues());
        VBox.setVgrow(table, Priority.ALWAYS);
        Label detail = new Label("Select a row to read it in full.");
        detail.setId("tuning-issue-detail");
        detail.setWrapText(true);
        detail.setMinHeight(48);
        detail.setMinWidth(0);
        table.getSelectionModel().selectedItemProperty().addListener((o, a, row) -> detail.setText(row == null ? ""
                : row.where() + (row.issue().line() > 0 ? ", line " + row.issue().line() : "") + ": " + row.issue().message()
                + (row.issue().fix() == null ? "" : "\nFix: " + row.issue().fix())));
        Button suggestions = new Button("Apply suggested keys");
        suggestions.setId("tuning-apply-suggestions");
        suggestions.disableProperty().bind(model.sourceModeProperty().isNotEqualTo(SourceMode.TEXT).or(model.busyProperty()));
        suggestions.setOnAction(e -> {
            int n = model.applySuggestions();
            model.statusProperty().set(n + " key(s) replaced by the real ones; checking the hosts again…");
            model.planOnHosts();
        });
        Button recheck = new Button("Check hosts again");
        recheck.disableProperty().bind(model.busyProperty());
        recheck.setOnAction(e -> {
            model.validateLocally();
            model.planOnHosts();
        });
        org.clusterdeck.ui.common.Forms.keepText(suggestions, recheck);
        root = new VBox(8, org.clusterdeck.ui.common.Forms.hint("Errors block applying; warnings are shown and the rest goes ahead."), table,
                detail, new HBox(8, suggestions, recheck));
    }

    Node node() {
        return root;
    }
}
