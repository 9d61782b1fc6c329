package org.clusterdeck.ui.vmwizard;

import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;

/** Step 4: memory with units and huge pages; memory beyond the host's free memory is refused here. */
final class MemoryStep extends VmStep {
    MemoryStep(VmWizardModel model) {
        super(model, "Memory", "step-memory", model.memoryError);
        TextField memory = new TextField();
        memory.setId("memory");
        memory.setPrefColumnCount(6);
        memory.textProperty().bindBidirectional(model.memory);
        ComboBox<String> unit = new ComboBox<>();
        unit.getItems().setAll(VmWizardModel.MEMORY_UNITS);
        unit.setId("memoryUnit");
        unit.valueProperty().bindBidirectional(model.memoryUnit);
        unit.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox amount = new HBox(6, memory, unit);
        javafx.scene.layout.HBox.setHgrow(memory, javafx.scene.layout.Priority.ALWAYS);
        memory.setMaxWidth(Double.MAX_VALUE);
        row("Memory", amount);
        CheckBox huge = new CheckBox("Back with huge pages (the host must have them reserved)");
        huge.setId("hugePages");
        huge.selectedProperty().bindBidirectional(model.hugePages);
        span(huge);
        hint(model.capacitySummary);
        var warning = org.clusterdeck.ui.common.Forms.hint(model.memoryWarning);
        warning.setId("memoryWarning");
        warning.setStyle("-fx-text-fill: -color-warning-fg;");
        span(warning);
    }
}
