package org.clusterdeck.ui.vmwizard;

import javafx.scene.control.CheckBox;
import javafx.scene.control.TextField;

/** Step 3: vCPUs and CPU model, against the host's CPUs. */
final class CpuStep extends VmStep {
    CpuStep(VmWizardModel model) {
        super(model, "CPU", "step-cpu", model.cpuError);
        TextField vcpus = new TextField();
        vcpus.setId("vcpus");
        vcpus.setPrefColumnCount(4);
        vcpus.textProperty().bindBidirectional(model.vcpus);
        row("vCPUs", vcpus, "virtual CPUs");
        CheckBox passthrough = new CheckBox("Host CPU passthrough (fastest; the VM can only move to identical hosts)");
        passthrough.setId("hostPassthrough");
        passthrough.selectedProperty().bindBidirectional(model.hostPassthrough);
        span(passthrough);
        hint(model.capacitySummary);
    }
}
