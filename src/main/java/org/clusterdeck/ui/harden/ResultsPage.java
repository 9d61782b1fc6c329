package org.clusterdeck.ui.harden;

import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.clusterdeck.ui.common.Forms;
import org.clusterdeck.ui.common.Tables;
import org.clusterdeck.ui.harden.HardenRows.ChangeRow;
import org.clusterdeck.ui.harden.HardenRows.CheckRow;

/** Page 5: what went wrong and what to do, every check with its evidence, the change sets, and roll back. */
final class ResultsPage {
    private final VBox root;

    ResultsPage(HardenWizardModel model) {
        VBox failures = new VBox(6);
        failures.setId("harden-failures");
        Runnable showFailures = () -> failures.getChildren().setAll(model.failures().stream()
                .map(f -> (Node) PreviewPage.boxed("cd-failure", f)).toList());
        model.failures().addListener((ListChangeListener<String>) c -> showFailures.run());
        showFailures.run();

        TableView<CheckRow> checks = Tables.table("harden-checks", "No checks yet.");
        checks.getColumns().add(Tables.column("Host", 100, CheckRow::host));
        checks.getColumns().add(Tables.column("Step", 105, r -> r.step() == null ? "" : r.step().label()));
        checks.getColumns().add(Tables.wrappingColumn("Check", 200, CheckRow::what));
        checks.getColumns().add(Tables.column("Result", 70, CheckRow::result));
        checks.getColumns().add(Tables.wrappingColumn("Evidence", 300, CheckRow::detail));
        checks.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(CheckRow item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().remove("check-failed");
                if (!empty && item != null && !item.ok()) {
                    getStyleClass().add("check-failed");
                }
            }
        });
        checks.setItems(model.checks());
        Tables.keepTitlesWhole(checks);

        TableView<ChangeRow> changes = Tables.table("harden-changes", "No change sets: nothing was applied.");
        changes.getColumns().add(Tables.column("Host", 100, ChangeRow::host));
        changes.getColumns().add(Tables.column("Step", 105, r -> r.step() == null ? "" : r.step().label()));
        changes.getColumns().add(Tables.column("Change", 70, r -> "#" + r.id()));
        changes.getColumns().add(Tables.column("State", 110, ChangeRow::state));
        changes.getColumns().add(Tables.wrappingColumn("Title", 300, r -> r.change().title()));
        changes.setItems(model.changes());
        Tables.keepTitlesWhole(changes);

        Button step = Forms.button("Roll back this step", e -> model.rollbackStep(changes.getSelectionModel().getSelectedItem()));
        step.setId("harden-rollback-step");
        step.disableProperty().bind(model.busyProperty().or(changes.getSelectionModel().selectedItemProperty().isNull()));
        Button run = Forms.button("Roll back this run", e -> model.rollbackRun());
        run.setId("harden-rollback-run");
        run.disableProperty().bind(model.busyProperty().or(javafx.beans.binding.Bindings.isEmpty(model.changes())));
        Label hint = Forms.hint("Roll back puts each step's before-values back exactly (ruleset, drop-in, sysctls); "
                + "every change is also listed in Tools ▸ Changes.");
        HBox.setHgrow(hint, Priority.ALWAYS);

        SplitPane tables = new SplitPane(checks, changes);
        tables.setOrientation(Orientation.VERTICAL);
        tables.setDividerPositions(0.58);
        VBox.setVgrow(tables, Priority.ALWAYS);
        root = new VBox(8, failures, tables, new HBox(10, step, run, hint));
    }

    Node node() {
        return root;
    }
}
