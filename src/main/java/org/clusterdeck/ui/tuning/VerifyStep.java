package org.clusterdeck.ui.tuning;

import org.clusterdeck.ui.common.Tables;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.clusterdeck.ui.tuning.TuningRows.OutcomeRow;

/** Step 6: every key as read back from each host, and the one-click rollback. */
final class VerifyStep {
    private final VBox root;

    VerifyStep(TuningWizardModel model) {
        TableView<OutcomeRow> table = Tables.table("tuning-outcomes", "No results yet.");
        table.getColumns().add(Tables.column("Host", 100, OutcomeRow::host));
        table.getColumns().add(Tables.column("Key", 230, OutcomeRow::key));
        table.getColumns().add(Tables.column("Before", 110, OutcomeRow::before));
        table.getColumns().add(Tables.column("Asked", 110, OutcomeRow::proposed));
        table.getColumns().add(Tables.column("Read back", 110, OutcomeRow::readBack));
        table.getColumns().add(Tables.column("Status", 90, OutcomeRow::status));
        table.getColumns().add(Tables.column("Reason", 240, OutcomeRow::reason));
        table.setItems(model.outcomes());
        VBox.setVgrow(table, Priority.ALWAYS);
        Button rollback = new Button("Roll back");
        rollback.setId("tuning-rollback");
        rollback.getStyleClass().add("danger");
        rollback.disableProperty().bind(model.busyProperty());
        rollback.setOnAction(e -> model.rollback());
        org.clusterdeck.ui.common.Forms.keepText(rollback);
        Label hint = org.clusterdeck.ui.common.Forms.hint(
                "Roll back restores each host's values and /etc/sysctl.d/99-clusterdeck.conf from before the last apply.");
        HBox.setHgrow(hint, Priority.ALWAYS);
        root = new VBox(8, table, new HBox(10, rollback, hint));
    }

    Node node() {
        return root;
    }
}
