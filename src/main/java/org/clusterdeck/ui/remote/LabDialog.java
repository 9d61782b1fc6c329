package org.clusterdeck.ui.remote;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.clusterdeck.ui.UiContext;

/**
 * "Local lab…": start N practice hosts on this machine, see them, stop them. Needs root; without
 * it, the message says so.
 */
public final class LabDialog extends Dialog<Void> {
    private final LabViewModel vm;

    private LabDialog(Window owner, UiContext ctx) {
        if (owner != null) {
            initOwner(owner);
        }
        setTitle("Local lab");
        setHeaderText("Practice hosts on this machine: booted containers (their own processes, files and services;"
                + " this machine's kernel), reachable only from here.");
        vm = new LabViewModel(ctx, ctx.services().lab(),
                new org.clusterdeck.ui.common.FxDialogs(() -> getDialogPane().getScene().getWindow()));
        Spinner<Integer> count = new Spinner<>(1, 50, vm.hostCountProperty().get());
        count.setId("lab-count");
        count.valueProperty().addListener((o, a, b) -> vm.hostCountProperty().set(b));
        Button up = org.clusterdeck.ui.common.Forms.keepText(new Button("Start"));
        up.setId("lab-up");
        up.setOnAction(e -> vm.up());
        Button down = org.clusterdeck.ui.common.Forms.keepText(new Button("Stop and remove…"));
        down.setId("lab-down");
        down.setOnAction(e -> vm.down());
        Button cluster = new Button("Start cluster");
        cluster.setId("lab-cluster");
        cluster.setOnAction(e -> vm.cluster());
        cluster.disableProperty().bind(vm.busyProperty());
        up.disableProperty().bind(vm.busyProperty());
        down.disableProperty().bind(vm.busyProperty());
        org.clusterdeck.ui.common.Forms.keepText(cluster);
        Label hosts = org.clusterdeck.ui.common.Forms.keepText(new Label("Hosts"));
        hosts.setLabelFor(count);
        HBox actions = new HBox(8, hosts, count, up, cluster, down);
        actions.setAlignment(Pos.CENTER_LEFT);

        TableView<LabViewModel.Row> table = new TableView<>(vm.rows());
        table.setId("lab-hosts");
        // key columns sized to their content; services and host key give way (whole on hover)
        table.getColumns().add(column("Name", LabViewModel.Row::name, 70));
        table.getColumns().add(column("Role", LabViewModel.Row::role, 60));
        table.getColumns().add(column("Address", LabViewModel.Row::address, 105));
        table.getColumns().add(column("State", LabViewModel.Row::state, 75));
        table.getColumns().add(column("Memory", LabViewModel.Row::memory, 85));
        table.getColumns().add(column("Services", LabViewModel.Row::services, 90));
        table.getColumns().add(column("Host key", LabViewModel.Row::hostKey, 70));
        table.setPrefSize(740, 240); // columns share it; a cut value shows whole on hover
        setResizable(true);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        org.clusterdeck.ui.common.Tables.keepTitlesWhole(table); // columns share the width, titles stay whole
        Label message = new Label();
        message.setId("lab-message");
        message.setWrapText(true);
        message.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        message.textProperty().bind(vm.messageProperty());
        getDialogPane().setContent(new VBox(10, actions, table, message));
        getDialogPane().setId("lab-dialog");
        getDialogPane().setMinWidth(780); // every column title whole, on a 1280×720 screen too
        getDialogPane().getButtonTypes().setAll(ButtonType.CLOSE);
        vm.refresh();
    }

    private static TableColumn<LabViewModel.Row, String> column(String title,
            java.util.function.Function<LabViewModel.Row, String> value, double width) {
        TableColumn<LabViewModel.Row, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new javafx.beans.property.ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        c.setCellFactory(col -> new javafx.scene.control.TableCell<>() { // a cut value shows whole on hover
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setTooltip(empty || item == null || item.isEmpty() ? null : new javafx.scene.control.Tooltip(item));
            }
        });
        return c;
    }

    public LabViewModel viewModel() {
        return vm;
    }

    /** Opens the dialog (non-blocking). */
    public static LabDialog show(Window owner, UiContext ctx) {
        LabDialog d = new LabDialog(owner, ctx);
        d.show();
        return d;
    }

    /** Opens the dialog and starts the source's cluster in it (Tools ▸ Local lab ▸ Cluster). */
    public static LabDialog showCluster(Window owner, UiContext ctx) {
        LabDialog d = show(owner, ctx);
        d.vm.cluster();
        return d;
    }
}
