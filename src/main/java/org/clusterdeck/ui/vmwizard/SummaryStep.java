package org.clusterdeck.ui.vmwizard;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.scene.control.CheckBox;
import javafx.scene.control.TextArea;
import org.controlsfx.dialog.Wizard;

/** Step 7: the generated domain XML and whether to start the VM; Finish defines it in a job. */
final class SummaryStep extends WizardStep {
    private final TextArea xml = new TextArea();

    SummaryStep(VmWizardModel model) {
        super(model, "Summary", "step-summary", allProblems(model));
        xml.setId("summaryXml");
        xml.setEditable(false);
        xml.setPrefRowCount(18);
        xml.setStyle("-fx-font-family: monospace;");
        row("Domain XML", xml);
        CheckBox start = new CheckBox("Start the VM once it is defined");
        start.setId("startAfter");
        start.selectedProperty().bindBidirectional(model.start);
        row("", start);
        var warning = hint(model.memoryWarning);
        warning.setStyle("-fx-text-fill: -color-warning-fg;");
        note(warning);
    }

    private static StringBinding allProblems(VmWizardModel m) {
        return Bindings.createStringBinding(() -> String.join(" ", m.problems()), m.nameError, m.sourceError,
                m.cpuError, m.memoryError, m.storageError, m.networkError);
    }

    @Override
    public void onEnteringPage(Wizard wizard) {
        super.onEnteringPage(wizard);
        xml.setText(model.previewXml());
    }
}
