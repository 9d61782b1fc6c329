package org.clusterdeck.ui.harden;

import javafx.scene.Node;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.cell.CheckBoxTableCell;
import javafx.scene.control.cell.ComboBoxTableCell;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.clusterdeck.harden.Role;
import org.clusterdeck.ui.common.Forms;
import org.clusterdeck.ui.common.Tables;
import org.clusterdeck.ui.harden.HardenRows.HostChoice;

/** Page 1: which hosts, and the role each is hardened for (the topology's, or chosen here). */
final class HostsPage {
    private final VBox root;

    HostsPage(HardenWizardModel model) {
        TableView<HostChoice> table = Tables.table("harden-hosts", "No hosts in the inventory.");
        table.setEditable(true);
        TableColumn<HostChoice, Boolean> tick = new TableColumn<>("Harden");
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
        tick.setPrefWidth(70);
        TableColumn<HostChoice, Role> role = new TableColumn<>("Role");
        role.setCellValueFactory(d -> d.getValue().roleProperty());
        role.setCellFactory(ComboBoxTableCell.forTableColumn(new StringConverter<>() {
            @Override
            public String toString(Role r) {
                return r == null ? "" : r.label();
            }

            @Override
            public Role fromString(String s) {
                return null;
            }
        }, Role.values()));
        role.setEditable(true);
        role.setPrefWidth(130);
        table.getColumns().add(tick);
        table.getColumns().add(Tables.column("Host", 120, c -> c.host().name()));
        table.getColumns().add(Tables.column("Site", 100, HostChoice::site));
        table.getColumns().add(role);
        table.getColumns().add(Tables.column("Note", 300, HostChoice::note));
        table.setItems(model.hosts());
        Tables.keepTitlesWhole(table);
        VBox.setVgrow(table, Priority.ALWAYS);
        root = new VBox(8, Forms.hint("Choose the hosts to harden; each gets its own job, so they run in parallel. "
                + "The role comes from the topology and decides what the firewall lets in (web backend: 80/443 from its "
                + "load balancers; load balancer: 80/443 from anywhere; database: 3306 from the web hosts). Double-click "
                + "a role to change it for this run."), table);
    }

    Node node() {
        return root;
    }
}
