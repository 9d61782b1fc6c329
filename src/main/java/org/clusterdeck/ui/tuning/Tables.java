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
