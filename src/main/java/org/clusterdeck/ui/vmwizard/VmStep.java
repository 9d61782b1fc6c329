package org.clusterdeck.ui.vmwizard;

import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.VBox;
import org.clusterdeck.ui.common.Forms;
import org.clusterdeck.ui.common.wizard.WizardStep;

/**
 * One page of the VM wizard: a form of labelled rows and the step's error from the shared model.
 * Next is disabled while that error is not empty; the error itself appears only once the user
 * has typed or chosen something on the page, so a fresh page is not red.
 */
abstract class VmStep extends WizardStep {
    protected final VmWizardModel model;
    private final Forms.Builder form;
    private final BooleanProperty touched = new SimpleBooleanProperty(false);

    VmStep(VmWizardModel model, String title, String id, StringBinding stepError) {
        this(model, title, id, stepError, Forms.form(), new Label());
    }

    private VmStep(VmWizardModel model, String title, String id, StringBinding stepError, Forms.Builder form, Label error) {
        super(id, title, new VBox(12, form.build(), error), stepError.isEmpty());
        this.model = model;
        this.form = form;
        error.setId(id + "-error");
        error.getStyleClass().add("danger");
        error.setWrapText(true);
        error.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        error.textProperty().bind(stepError);
        error.visibleProperty().bind(stepError.isNotEmpty().and(touched));
        error.managedProperty().bind(error.visibleProperty());
        content().addEventFilter(KeyEvent.KEY_TYPED, e -> touched.set(true));
        content().addEventFilter(ActionEvent.ACTION, e -> touched.set(true));
        ((VBox) content()).setPadding(new javafx.geometry.Insets(8, 0, 8, 0));
    }

    protected void row(String label, Node control) {
        form.row(label, control);
    }

    protected void row(String label, Node control, String unit) {
        form.row(label, control, unit);
    }

    /** A node under the fields, across the form (check boxes with long text, warnings). */
    protected void span(Node node) {
        form.span(node);
    }

    /** Shows the previous row only while {@code when} holds (rows that do not apply are hidden, not greyed). */
    protected void visibleWhen(javafx.beans.value.ObservableBooleanValue when) {
        form.visibleWhen(when);
    }

    protected void hint(javafx.beans.value.ObservableValue<String> text) {
        form.hint(text);
    }

    protected void hint(String text) {
        form.hint(text);
    }
}
