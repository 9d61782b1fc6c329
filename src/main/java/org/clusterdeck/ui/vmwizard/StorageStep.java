package org.clusterdeck.ui.vmwizard;

import javafx.scene.control.ComboBox;
import javafx.scene.control.TextField;
import javafx.util.StringConverter;
import org.clusterdeck.model.PoolDetails;
import org.clusterdeck.virt.Units;

/** Step 5: the new disk: pool, size and format. */
final class StorageStep extends VmStep {
    StorageStep(VmWizardModel model) {
        super(model, "Storage", "step-storage", model.storageError);
        ComboBox<PoolDetails> pool = new ComboBox<>(model.pools);
        pool.setId("pool");
        pool.setConverter(new StringConverter<>() {
            @Override
            public String toString(PoolDetails p) {
                return p == null ? "" : p.name() + " (" + Units.human(p.availableBytes()) + " free, " + p.path() + ")";
            }

            @Override
            public PoolDetails fromString(String s) {
                return null;
            }
        });
        pool.valueProperty().bindBidirectional(model.pool);
        row("Pool", pool);
        TextField size = new TextField();
        size.setId("diskGib");
        size.setPrefColumnCount(6);
        size.textProperty().bindBidirectional(model.diskGib);
        row("Size", size, "GiB");
        ComboBox<String> format = new ComboBox<>();
        format.getItems().setAll("qcow2", "raw");
        format.setId("diskFormat");
        format.valueProperty().bindBidirectional(model.diskFormat);
        row("Format", format);
        hint("qcow2 grows as the guest writes and supports snapshots; raw is a little faster.");
    }
}
