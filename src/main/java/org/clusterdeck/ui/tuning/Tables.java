package org.clusterdeck.ui.tuning;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** Small helpers for the wizard's read-only tables. */
final class Tables {
    private Tables() {
    }

    static <S> TableColumn<S, String> column(String title, double width, Function<S, Object> value) {
        TableColumn<S, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> {
            Object v = value.apply(d.getValue());
            return new ReadOnlyObjectWrapper<>(v == null ? "" : String.valueOf(v));
        });
        c.setCellFactory(col -> new javafx.scene.control.TableCell<>() { // a cut cell shows its whole text on hover
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setTooltip(empty || item == null || item.isEmpty() ? null : new javafx.scene.control.Tooltip(item));
            }
        });
        return c;
    }

    static <S> TableView<S> table(String id, String placeholder) {
        TableView<S> t = new TableView<>();
        t.setId(id);
        t.setPlaceholder(new javafx.scene.control.Label(placeholder));
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        return t;
    }
}
