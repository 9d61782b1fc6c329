package org.clusterdeck.ui.vmwizard;

import javafx.beans.binding.Bindings;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TextField;
import org.clusterdeck.virt.Preset;

/** Step 1: host, name, purpose, and a preset from the source's resource model. */
final class NameStep extends VmStep {
    NameStep(VmWizardModel model) {
        super(model, "Name and purpose", "step-name", model.nameError);
        ComboBox<HostChoice> host = new ComboBox<>(model.hosts);
        host.setId("host");
        host.valueProperty().bindBidirectional(model.host);
        row("Host", host);
        TextField name = new TextField();
        name.setId("vmName");
        name.setPromptText("e.g. web3");
        name.textProperty().bindBidirectional(model.name);
        row("Name", name);
        TextField purpose = new TextField();
        purpose.setId("purpose");
        purpose.setPromptText("What it is for, e.g. Web server behind the load balancer");
        purpose.textProperty().bindBidirectional(model.purpose);
        row("Purpose", purpose);
        ComboBox<Preset> preset = new ComboBox<>();
        preset.getItems().setAll(Preset.values());
        preset.setId("preset");
        preset.valueProperty().bindBidirectional(model.preset);
        row("Preset", preset);
        hint(Bindings.createStringBinding(() -> model.preset.get() == null ? "" : model.preset.get().summary(),
                model.preset));
    }
}
