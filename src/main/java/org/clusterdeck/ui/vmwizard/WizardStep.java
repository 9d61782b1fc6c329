package org.clusterdeck.ui.vmwizard;

import javafx.beans.binding.StringBinding;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import org.controlsfx.dialog.Wizard;
import org.controlsfx.dialog.WizardPane;

/**
 * One page of the VM wizard: a header, a form of labelled rows, and the step's error from the
 * shared model; the wizard's Next/Finish is disabled while that error is not empty.
 */
abstract class WizardStep extends WizardPane {
    protected final VmWizardModel model;
    private final GridPane form = new GridPane();
    private final Label error = new Label();
    private final StringBinding stepError;
    private int row;

    WizardStep(VmWizardModel model, String title, String id, StringBinding stepError) {
        this.model = model;
        this.stepError = stepError;
        setHeaderText(title);
        setId(id);
        form.setHgap(10);
        form.setVgap(8);
        error.setId(id + "-error");
        error.getStyleClass().add("danger");
        error.setStyle("-fx-text-fill: -color-danger-fg;");
        error.setWrapText(true);
        error.textProperty().bind(stepError);
        error.visibleProperty().bind(stepError.isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        VBox box = new VBox(12, form, error);
        box.setPadding(new Insets(12));
        box.setPrefWidth(640);
        setContent(box);
    }

    protected void row(String label, Node control) {
        Label l = new Label(label);
        l.setLabelFor(control);
        form.addRow(row++, l, control);
    }

    protected void note(Node node) {
        form.add(node, 1, row++);
    }

    @Override
    public void onEnteringPage(Wizard wizard) {
        wizard.invalidProperty().unbind();
        wizard.invalidProperty().bind(stepError.isNotEmpty());
    }

    @Override
    public void onExitingPage(Wizard wizard) {
        wizard.invalidProperty().unbind();
    }

    static Label hint(javafx.beans.value.ObservableValue<String> text) {
        Label l = new Label();
        l.textProperty().bind(text);
        l.setWrapText(true);
        l.setStyle("-fx-text-fill: -color-fg-muted;");
        return l;
    }
}
