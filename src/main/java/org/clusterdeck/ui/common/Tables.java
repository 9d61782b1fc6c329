package org.clusterdeck.ui.common;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** Table helpers: column titles that are never cut, whatever the font size (presentation mode too). */
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
}
