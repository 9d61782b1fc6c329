package org.clusterdeck.ui.tuning;

import org.clusterdeck.ui.common.Tables;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.clusterdeck.tuning.ProfileSetting;
import org.clusterdeck.tuning.TuningProfile;
import org.clusterdeck.ui.tuning.TuningWizardModel.SourceMode;

/** Step 2: a profile, or a pasted or imported sysctl.conf fragment (checked against the catalog as you type). */
final class SourceStep {
    private final VBox root;

    SourceStep(TuningWizardModel model) {
        ToggleGroup group = new ToggleGroup();
        RadioButton byProfile = new RadioButton("Profile");
        byProfile.setId("tuning-source-profile");
        RadioButton byText = new RadioButton("Paste or import a sysctl.conf fragment");
        byText.setId("tuning-source-text");
        byProfile.setToggleGroup(group);
        byText.setToggleGroup(group);
        group.selectToggle(model.sourceModeProperty().get() == SourceMode.PROFILE ? byProfile : byText);
        group.selectedToggleProperty().addListener((o, a, b) ->
                model.sourceModeProperty().set(b == byText ? SourceMode.TEXT : SourceMode.PROFILE));
        model.sourceModeProperty().addListener((o, a, b) -> group.selectToggle(b == SourceMode.TEXT ? byText : byProfile));

        ComboBox<TuningProfile> profiles = new ComboBox<>();
        profiles.setId("tuning-profile");
        profiles.getItems().setAll(model.profiles());
        profiles.valueProperty().bindBidirectional(model.profileProperty());
        profiles.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(TuningProfile p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null : p.name());
            }
        });
        profiles.setButtonCell(profiles.getCellFactory().call(null));
        Label description = org.clusterdeck.ui.common.Forms.hint("");
        TableView<ProfileSetting> settings = Tables.table("tuning-profile-settings", "");
        settings.getColumns().add(Tables.column("Key", 240, ProfileSetting::key));
        settings.getColumns().add(Tables.column("Value", 140, ProfileSetting::value));
        settings.getColumns().add(Tables.column("Why", 380, ProfileSetting::why));
        Runnable showProfile = () -> {
            TuningProfile p = model.profileProperty().get();
            description.setText(p == null ? "" : p.description());
            settings.getItems().setAll(p == null ? java.util.List.of() : p.settings());
        };
        model.profileProperty().addListener((o, a, b) -> showProfile.run());
        showProfile.run();
        VBox profileBox = new VBox(6, profiles, description, settings);
        profileBox.disableProperty().bind(byProfile.selectedProperty().not());

        TextArea text = new TextArea();
        text.setId("tuning-text");
        text.setPromptText("net.core.somaxconn = 4096\nnet.ipv4.ip_local_port_range = 10240 65535");
        text.textProperty().bindBidirectional(model.textProperty());
        text.setStyle("-fx-font-family: monospace;");
        Label live = org.clusterdeck.ui.common.Forms.hint("");
        live.setId("tuning-text-check");
        text.textProperty().addListener((o, a, b) -> {
            var report = model.validateLocally();
            live.setText(b.isBlank() ? "" : report.errors().size() + " error(s), " + report.warnings().size()
                    + " warning(s) against the catalog; the hosts are checked on the next page.");
        });
        Button importFile = org.clusterdeck.ui.common.Forms.keepText(new Button("Import file…"));
        importFile.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Import a sysctl.conf fragment");
            java.io.File f = chooser.showOpenDialog(importFile.getScene().getWindow());
            if (f != null) {
                model.importFile(f.toPath());
            }
        });
        HBox.setHgrow(live, Priority.ALWAYS);
        VBox textBox = new VBox(6, text, new HBox(8, importFile, live));
        VBox.setVgrow(text, Priority.ALWAYS);
        textBox.disableProperty().bind(byText.selectedProperty().not());
        VBox.setVgrow(textBox, Priority.ALWAYS);
        root = new VBox(10, byProfile, profileBox, byText, textBox);
    }

    Node node() {
        return root;
    }
}
