package org.clusterdeck.ui.common;

import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableValue;
import javafx.event.ActionEvent;
import javafx.event.EventHandler;
import javafx.geometry.HPos;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The one form helper: a two-column grid whose label column is as wide as its longest label
 * (labels never shrink below their text, so they are never cut to "…"), whose fields grow with
 * the window, with an optional unit beside a field and hints that wrap instead of widening the form.
 *
 * <pre>{@code
 * GridPane form = Forms.form()
 *         .row("Name", nameField)
 *         .row("Memory", memoryField, "MiB")
 *         .hint("At least 512 MiB for a cloud image.")
 *         .build();
 * }</pre>
 */
public final class Forms {
    /** Style class of every form grid, of its labels, hints and units (for tests and CSS). */
    public static final String FORM = "cd-form";
    public static final String FORM_LABEL = "cd-form-label";
    public static final String HINT = "cd-form-hint";
    public static final String UNIT = "cd-form-unit";
    /** Preferred width of a wrapping hint: it asks for this much, wraps when given less, grows when given more. */
    private static final double HINT_PREF_WIDTH = 360;

    private Forms() {
    }

    public static Builder form() {
        return new Builder();
    }

    /** A muted hint that wraps at the width it is given; its height follows its lines. */
    public static Label hint(String text) {
        Label l = new Label(text);
        styleHint(l);
        return l;
    }

    /** A hint bound to changing text; hidden (and taking no space) while the text is empty. */
    public static Label hint(ObservableValue<String> text) {
        Label l = new Label();
        l.textProperty().bind(text);
        styleHint(l);
        l.visibleProperty().bind(l.textProperty().isNotEmpty());
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }

    private static void styleHint(Label l) {
        l.getStyleClass().addAll(HINT, "text-muted");
        l.setWrapText(true);
        l.setMinWidth(0);
        l.setPrefWidth(HINT_PREF_WIDTH);
        l.setMaxWidth(Double.MAX_VALUE);
        l.setMinHeight(Region.USE_PREF_SIZE);
    }

    /** A button that never elides its text: its minimum width is the width its text needs. */
    public static Button button(String text, EventHandler<ActionEvent> action) {
        Button b = new Button(text);
        b.setOnAction(action);
        return keepText(b);
    }

    /** Makes existing buttons (or labels) keep their text: minimum width = preferred width. */
    @SafeVarargs
    public static <T extends Labeled> T keepText(T first, T... more) {
        first.setMinWidth(Region.USE_PREF_SIZE);
        for (T t : more) {
            t.setMinWidth(Region.USE_PREF_SIZE);
        }
        return first;
    }

    /** A read-only value for a details form: selectable-looking text that wraps rather than elides. */
    public static Label value(ObservableValue<String> text) {
        Label l = new Label();
        l.textProperty().bind(text);
        l.setWrapText(true);
        l.setMinWidth(0);
        l.setMaxWidth(Double.MAX_VALUE);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }

    /** Builds one form top to bottom; each call adds a row. */
    public static final class Builder {
        private final GridPane grid = new GridPane();
        private Node[] lastRow = new Node[0];
        private int row;

        private Builder() {
            grid.getStyleClass().add(FORM);
            grid.setHgap(10);
            grid.setVgap(8);
            ColumnConstraints labels = new ColumnConstraints();
            labels.setMinWidth(Region.USE_PREF_SIZE);
            labels.setHgrow(Priority.NEVER);
            labels.setHalignment(HPos.LEFT);
            ColumnConstraints fields = new ColumnConstraints();
            fields.setHgrow(Priority.ALWAYS);
            fields.setFillWidth(true);
            fields.setMinWidth(80);
            grid.getColumnConstraints().setAll(labels, fields);
        }

        /** A labelled field; the field grows with the form. */
        public Builder row(String label, Node field) {
            return add(label, field, field);
        }

        /** A labelled field with its unit ("MiB", "s", "%") right beside it. */
        public Builder row(String label, Node field, String unit) {
            Label u = new Label(unit);
            u.getStyleClass().add(UNIT);
            u.setMinWidth(Region.USE_PREF_SIZE);
            HBox box = new HBox(6, field, u);
            box.setAlignment(Pos.CENTER_LEFT);
            HBox.setHgrow(field, Priority.ALWAYS);
            return add(label, box, field);
        }

        /** A label with a read-only value that wraps (details panes). */
        public Builder value(String label, ObservableValue<String> text) {
            return row(label, Forms.value(text));
        }

        /** A hint under the previous row, in the field column; wraps. */
        public Builder hint(String text) {
            return hintNode(Forms.hint(text));
        }

        /** A hint bound to changing text; takes no space while empty. */
        public Builder hint(ObservableValue<String> text) {
            return hintNode(Forms.hint(text));
        }

        /** A field's error under the previous row, in the danger colour; takes no space while empty. */
        public Builder error(ObservableValue<String> text, String id) {
            Label l = Forms.hint(text);
            l.getStyleClass().setAll("label", "danger");
            l.setId(id);
            return hintNode(l);
        }

        private Builder hintNode(Label hint) {
            grid.add(hint, 1, row++);
            lastRow = new Node[] {hint};
            return this;
        }

        /** A node across both columns (a table, a check box with a long text, a section heading). */
        public Builder span(Node node) {
            grid.add(node, 0, row++, 2, 1);
            grow(node);
            lastRow = new Node[] {node};
            return this;
        }

        /** Shows the previous row (label, field, hint) only while {@code when} is true. */
        public Builder visibleWhen(ObservableBooleanValue when) {
            for (Node n : lastRow) {
                n.visibleProperty().bind(when);
                n.managedProperty().bind(when);
            }
            return this;
        }

        public GridPane build() {
            return grid;
        }

        private Builder add(String label, Node cell, Node field) {
            Label l = new Label(label);
            l.getStyleClass().add(FORM_LABEL);
            l.setMinWidth(Region.USE_PREF_SIZE);
            l.setLabelFor(field);
            GridPane.setValignment(l, cell instanceof Region r && isTall(r) ? VPos.TOP : VPos.CENTER);
            grow(cell);
            grow(field);
            grid.addRow(row++, l, cell);
            lastRow = new Node[] {l, cell};
            return this;
        }

        private static boolean isTall(Region r) {
            return r instanceof javafx.scene.control.TextArea || r instanceof javafx.scene.control.ListView
                    || r instanceof javafx.scene.control.TableView;
        }

        private static void grow(Node n) {
            if (n instanceof Region r) {
                r.setMaxWidth(Double.MAX_VALUE);
            }
            GridPane.setHgrow(n, Priority.ALWAYS);
            GridPane.setFillWidth(n, true);
        }
    }
}
