package org.clusterdeck.ui.change;

import java.util.function.Predicate;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.clusterdeck.change.ChangeEngine;
import org.clusterdeck.model.ChangeSet;
import org.clusterdeck.ui.UiContext;

/** The Changes window: change sets on the left, the selected one's diffs on the right, Roll back below. */
public final class ChangesView {
    private final ChangesViewModel model;
    private final BorderPane root = new BorderPane();
    private final TableView<ChangeSet> table = new TableView<>();

    /** @param confirm asks the user (the text is the question); true to go on */
    public ChangesView(ChangesViewModel model, Predicate<String> confirm) {
        this.model = model;
        table.setId("changes-table");
        table.getColumns().add(column("#", c -> Long.toString(c.id()), 50));
        if (model.host() == null) {
            table.getColumns().add(column("Host", ChangeSet::hostName, 110));
        }
        table.getColumns().add(column("Feature", c -> ChangeEngine.featureLabel(c.feature()), 110));
        table.getColumns().add(column("Title", ChangeSet::title, 220));
        table.getColumns().add(column("Who", ChangeSet::who, 50));
        table.getColumns().add(column("When", c -> String.valueOf(c.createdAt()), 170));
        table.getColumns().add(column("State", c -> c.state().replace('_', ' '), 100));
        table.setItems(model.changes());
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> model.selectedProperty().set(b));
        model.selectedProperty().addListener((o, a, b) -> {
            if (b != table.getSelectionModel().getSelectedItem()) {
                table.getSelectionModel().select(b);
            }
        });
        TextArea diff = new TextArea();
        diff.setId("changes-diff");
        diff.setEditable(false);
        diff.setStyle("-fx-font-family: monospace;");
        diff.textProperty().bind(model.diffProperty());
        Button rollback = new Button("Roll back…");
        rollback.setId("changes-rollback");
        rollback.disableProperty().bind(model.selectedProperty().isNull());
        rollback.setOnAction(e -> {
            ChangeSet c = model.selectedProperty().get();
            if (c != null) {
                model.askRollback(c).thenAccept(q -> {
                    if (q != null && confirm.test(q.text())) {
                        model.rollback(c, q.force());
                    }
                });
            }
        });
        Button refresh = new Button("Refresh");
        refresh.setOnAction(e -> model.load());
        Label status = new Label();
        status.setId("changes-status");
        status.textProperty().bind(model.statusProperty());
        HBox bottom = new HBox(8, rollback, refresh, status);
        bottom.setPadding(new Insets(6));
        SplitPane split = new SplitPane(table, diff);
        split.setDividerPositions(0.55);
        root.setCenter(split);
        root.setBottom(bottom);
    }

    private static TableColumn<ChangeSet, String> column(String title, java.util.function.Function<ChangeSet, String> value, double width) {
        TableColumn<ChangeSet, String> c = new TableColumn<>(title);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(value.apply(f.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    public Node node() {
        return root;
    }

    /** Opens the window for one host ({@code host}) or all hosts (null). */
    public static ChangesView show(Window owner, UiContext ctx, String host) {
        ChangesViewModel model = new ChangesViewModel(ctx, ctx.services().changes(), ctx.services().remoteAccess()::open, host);
        ChangesView view = new ChangesView(model, question -> {
            Alert a = new Alert(Alert.AlertType.CONFIRMATION, question, ButtonType.OK, ButtonType.CANCEL);
            a.initOwner(owner);
            a.setHeaderText("Roll back?");
            return a.showAndWait().filter(ButtonType.OK::equals).isPresent();
        });
        Stage stage = new Stage();
        stage.setTitle(host == null ? "Changes — all hosts" : "Changes — " + host);
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setScene(new Scene((BorderPane) view.node(), 1000, 600));
        stage.show();
        model.load();
        return view;
    }
}
