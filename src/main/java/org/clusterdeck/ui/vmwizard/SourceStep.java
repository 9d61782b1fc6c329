package org.clusterdeck.ui.vmwizard;

import javafx.beans.binding.BooleanBinding;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.util.StringConverter;
import org.clusterdeck.model.VolumeDetails;
import org.clusterdeck.virt.CreateRequest.InstallSource;
import org.clusterdeck.virt.Units;

/** Step 2: where the OS comes from: an ISO, a cloud image with a cloud-init seed, or an existing disk. */
final class SourceStep extends VmStep {
    SourceStep(VmWizardModel model) {
        super(model, "Install source", "step-source", model.sourceError);
        ComboBox<InstallSource> source = new ComboBox<>();
        source.getItems().setAll(InstallSource.values());
        source.setId("installSource");
        source.setConverter(new StringConverter<>() {
            @Override
            public String toString(InstallSource s) {
                return s == null ? "" : switch (s) {
                    case NONE -> "None yet (empty disk)";
                    case ISO -> "ISO image from a storage pool";
                    case CLOUD_IMAGE -> "Cloud image with cloud-init";
                    case EXISTING_DISK -> "Existing disk";
                };
            }

            @Override
            public InstallSource fromString(String s) {
                return null;
            }
        });
        source.valueProperty().bindBidirectional(model.source);
        row("Source", source);
        ComboBox<VolumeDetails> volume = new ComboBox<>(model.volumes);
        volume.setId("sourceVolume");
        volume.setConverter(new StringConverter<>() {
            @Override
            public String toString(VolumeDetails v) {
                return v == null ? "" : v.pool() + ": " + v.name() + " (" + Units.human(v.capacityBytes()) + ")";
            }

            @Override
            public VolumeDetails fromString(String s) {
                return null;
            }
        });
        volume.valueProperty().bindBidirectional(model.sourceVolume);
        volume.disableProperty().bind(model.source.isEqualTo(InstallSource.NONE));
        row("Volume", volume);
        visibleWhen(model.source.isNotEqualTo(InstallSource.NONE));
        BooleanBinding cloud = model.source.isEqualTo(InstallSource.CLOUD_IMAGE);
        TextField user = new TextField();
        user.setId("ciUser");
        user.textProperty().bindBidirectional(model.ciUser);
        user.disableProperty().bind(cloud.not());
        row("cloud-init user", user);
        visibleWhen(cloud);
        TextArea key = new TextArea();
        key.setId("ciSshKey");
        key.setPromptText("ssh-ed25519 AAAA... you@laptop (your .pub file)");
        key.setPrefRowCount(2);
        key.setWrapText(true);
        key.textProperty().bindBidirectional(model.ciSshKey);
        key.disableProperty().bind(cloud.not());
        row("SSH public key", key);
        visibleWhen(cloud);
        TextField packages = new TextField();
        packages.setId("ciPackages");
        packages.setPromptText("nginx, curl");
        packages.textProperty().bindBidirectional(model.ciPackages);
        packages.disableProperty().bind(cloud.not());
        row("Packages", packages);
        visibleWhen(cloud);
        hint(javafx.beans.binding.Bindings.createStringBinding(() -> model.source.get() == InstallSource.CLOUD_IMAGE
                ? "The host name is the VM's name; the seed is a NoCloud CD-ROM (user-data, meta-data)." : "",
                model.source));
    }
}
