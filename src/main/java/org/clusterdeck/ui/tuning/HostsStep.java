package org.clusterdeck.ui.tuning;

import org.clusterdeck.ui.common.Tables;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.cell.CheckBoxTableCell;
import javafx.scene.layout.VBox;
import javafx.scene.layout.Priority;
import org.clusterdeck.ui.tuning.TuningRows.HostChoice;

/** Step 1: which hosts to tune. Demo hosts are shown but cannot be ticked. */
final class HostsStep {
    private final VBox root;

    HostsStep(TuningWizardModel model) {
        TableView<HostChoice> table = Tables.table("tuning-hosts", "No hosts in the inventory.");
        table.setEditable(true);
        TableColumn<HostChoice, Boolean> tick = new TableColumn<>("Tune");
        tick.setCellValueFactory(d -> d.getValue().selectedProperty());
        tick.setCellFactory(c -> new CheckBoxTableCell<>() {
            @Override
            public void updateItem(Boolean item, boolean empty) {
                super.updateItem(item, empty);
                HostChoice row = getTableRow() == null ? null : getTableRow().getItem();
                setDisable(row != null && row.demo());
            }
        });
        tick.setEditable(true);
        tick.setPrefWidth(60);
        table.getColumns().add(tick);
        table.getColumns().add(Tables.column("Host", 140, c -> c.host().name()));
        table.getColumns().add(Tables.column("Site", 120, HostChoice::site));
        table.getColumns().add(Tables.column("Note", 360, HostChoice::note));
        table.setItems(model.hosts());
        VBox.setVgrow(table, Priority.ALWAYS);
        root = new VBox(8, org.clusterdeck.ui.common.Forms.hint("Choose the hosts to tune. Each host gets its own job, so they run in parallel."), table);
    }

    Node node() {
        return root;
    }
}
