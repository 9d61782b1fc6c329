package org.clusterdeck.ui.common.wizard;

import java.util.function.Function;
import javafx.beans.value.ObservableValue;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;

/** The per-host progress table of a wizard that works on several hosts: host, progress bar, what it does now. */
public final class HostProgressTable {
    private HostProgressTable() {
    }

    public static <T> TableView<T> of(ObservableList<T> rows, Function<T, String> host,
            Function<T, ObservableValue<Number>> progress, Function<T, ObservableValue<String>> status) {
        TableView<T> table = new TableView<>(rows);
        table.setPlaceholder(new Label("No hosts yet."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<T, String> h = new TableColumn<>("Host");
        h.setCellValueFactory(c -> new javafx.beans.property.ReadOnlyStringWrapper(host.apply(c.getValue())));
        h.setPrefWidth(140);
        h.setMinWidth(90);
        TableColumn<T, Number> p = new TableColumn<>("Progress");
        p.setCellValueFactory(c -> progress.apply(c.getValue()));
        p.setCellFactory(c -> new TableCell<>() {
            private final ProgressBar bar = new ProgressBar();

            @Override
            protected void updateItem(Number value, boolean empty) {
                super.updateItem(value, empty);
                bar.setMaxWidth(Double.MAX_VALUE);
                bar.setProgress(value == null ? -1 : value.doubleValue());
                setGraphic(empty ? null : bar);
            }
        });
        p.setPrefWidth(170);
        p.setMinWidth(120);
        TableColumn<T, String> s = new TableColumn<>("Status");
        s.setCellValueFactory(c -> status.apply(c.getValue()));
        s.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String value, boolean empty) {
                super.updateItem(value, empty);
                setText(empty ? null : value);
                setTooltip(empty || value == null ? null : new Tooltip(value));
            }
        });
        s.setPrefWidth(400);
        table.getColumns().setAll(java.util.List.of(h, p, s));
        return table;
    }
}
