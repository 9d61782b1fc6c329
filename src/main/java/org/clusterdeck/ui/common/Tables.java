package org.clusterdeck.ui.common;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.Node;
import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/**
 * Table helpers: read-only text columns whose cut cells show their whole text on hover, and column
 * titles that are never cut, whatever the font size (presentation mode too).
 */
public final class Tables {
    private static final double HEADER_PADDING = 24; // the header cell's insets and sort-arrow room

    private Tables() {
    }

    /**
     * After every layout, gives each column a minimum width that fits its title as the header
     * really draws it (bold, in the current font size). With a constrained resize policy the other
     * columns then give way, and a title is never shown as "…".
     */
    public static void keepTitlesWhole(TableView<?> table) {
        table.needsLayoutProperty().addListener((o, was, needs) -> {
            if (needs) {
                return;
            }
            for (Node n : table.lookupAll(".column-header .label")) {
                if (n instanceof Label label) {
                    for (TableColumn<?, ?> c : table.getColumns()) {
                        if (c.getText() != null && c.getText().equals(label.getText())) {
                            double min = Math.ceil(label.prefWidth(-1) + HEADER_PADDING);
                            if (Math.abs(c.getMinWidth() - min) > 0.5) {
                                c.setMinWidth(min);
                            }
                        }
                    }
                }
            }
        });
    }

    /** A read-only text column; a cell too narrow for its text shows the whole text on hover. */
    public static <S> TableColumn<S, String> column(String title, double width, Function<S, Object> value) {
        TableColumn<S, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> {
            Object v = value.apply(d.getValue());
            return new ReadOnlyObjectWrapper<>(v == null ? "" : String.valueOf(v));
        });
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setTooltip(empty || item == null || item.isEmpty() ? null : new Tooltip(item));
            }
        });
        return c;
    }

    /** A table whose last column takes the room left, with a placeholder saying why it is empty. */
    public static <S> TableView<S> table(String id, String placeholder) {
        TableView<S> t = new TableView<>();
        t.setId(id);
        Label empty = new Label(placeholder);
        empty.setWrapText(true);
        t.setPlaceholder(empty);
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        return t;
    }

    /** A read-only text column whose cells wrap their text over as many lines as it needs (evidence, messages). */
    public static <S> TableColumn<S, String> wrappingColumn(String title, double width, Function<S, Object> value) {
        TableColumn<S, String> c = column(title, width, value);
        c.setCellFactory(col -> new TableCell<>() {
            private final javafx.scene.text.Text text = new javafx.scene.text.Text();

            {
                text.wrappingWidthProperty().bind(col.widthProperty().subtract(14));
                text.getStyleClass().add("text");
                text.fillProperty().bind(textFillProperty());
                text.fontProperty().bind(fontProperty());
            }

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                text.setText(empty || item == null ? "" : item);
                setGraphic(empty ? null : text);
                setText(null);
            }
        });
        return c;
    }
}
