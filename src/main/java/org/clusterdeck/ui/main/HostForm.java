package org.clusterdeck.ui.main;

import java.io.File;
import java.util.List;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.clusterdeck.ui.common.Forms;
import javafx.stage.FileChooser;
import org.clusterdeck.inventory.FieldError;
import org.clusterdeck.inventory.HostValidator;
import org.controlsfx.validation.Severity;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;
import org.controlsfx.validation.Validator;

/**
 * The host fields with ControlsFX validation: each field shows what is wrong on itself as the
 * user types, and keeps what was typed. Used by {@link HostDialog} and the details pane.
 */
public final class HostForm extends VBox {
    private final HostFormModel model;
    private final ValidationSupport validation = new ValidationSupport();
    private final Label serverError = new Label();
    private final java.util.Map<String, TextInputControl> fields = new java.util.HashMap<>();

    public HostForm(HostFormModel model) {
        super(8);
        this.model = model;
        setPadding(new Insets(4));
        // no red marks on a fresh form: decorations appear once the user has typed something
        validation.setErrorDecorationEnabled(false);
        TextField key = field(HostValidator.KEY, model.key, "~/.ssh/id_ed25519");
        Button browse = Forms.button("Browse…", e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Private key for SSH");
            File ssh = new File(System.getProperty("user.home"), ".ssh");
            if (ssh.isDirectory()) {
                chooser.setInitialDirectory(ssh);
            }
            File f = chooser.showOpenDialog(getScene() == null ? null : getScene().getWindow());
            if (f != null) {
                model.key.set(f.getAbsolutePath());
            }
        });
        HBox keyBox = new HBox(6, key, browse);
        HBox.setHgrow(key, Priority.ALWAYS);
        key.setMaxWidth(Double.MAX_VALUE);
        TextArea notes = new TextArea();
        notes.setId("host-notes");
        notes.setPrefRowCount(2);
        notes.textProperty().bindBidirectional(model.notes);
        GridPane form = Forms.form()
                .row("Site", field(HostValidator.SITE, model.site, "Default"))
                .row("Name", field(HostValidator.NAME, model.name, "pve1"))
                .row("Address", field(HostValidator.ADDRESS, model.address, "host name, IPv4 or IPv6"))
                .row("SSH port", field(HostValidator.PORT, model.port, "22"))
                .row("SSH user", field(HostValidator.USER, model.user, "root"))
                .row("SSH key file", keyBox)
                .row("libvirt URI", field(HostValidator.LIBVIRT, model.libvirt, "qemu+ssh://root@host/system"))
                .row("Notes", notes)
                .build();
        serverError.setId("host-form-error");
        serverError.getStyleClass().add("danger");
        serverError.setWrapText(true);
        serverError.setManaged(false);
        getChildren().addAll(form, serverError);
        addEventFilter(javafx.scene.input.KeyEvent.KEY_TYPED, e -> validation.setErrorDecorationEnabled(true));
    }

    private TextField field(String fieldName, StringProperty value, String prompt) {
        TextField f = new TextField();
        f.setId("host-" + fieldName);
        f.setPromptText(prompt);
        f.textProperty().bindBidirectional(value);
        fields.put(fieldName, f);
        validation.registerValidator(f, false, validator(fieldName));
        return f;
    }

    private static Validator<String> validator(String fieldName) {
        return (Control c, String text) -> {
            var problem = HostFormModel.check(fieldName).apply(text);
            return ValidationResult.fromMessageIf(c, problem.orElse(""), Severity.ERROR, problem.isPresent());
        };
    }

    public ValidationSupport validation() {
        return validation;
    }

    /** The message a field shows now, or null (for tests and the status line). */
    public String messageOf(String fieldName) {
        TextInputControl c = fields.get(fieldName);
        var problem = HostFormModel.check(fieldName).apply(c.getText());
        return problem.orElse(null);
    }

    /** Shows errors that only the save could find (e.g. a duplicate name) below the fields. */
    public void showErrors(List<FieldError> errors) {
        String text = String.join("\n", errors.stream().map(FieldError::toString).toList());
        serverError.setText(text);
        serverError.setManaged(!text.isEmpty());
        serverError.setVisible(!text.isEmpty());
    }

    public void focusFirstError() {
        for (String f : List.of(HostValidator.SITE, HostValidator.NAME, HostValidator.ADDRESS, HostValidator.PORT,
                HostValidator.USER, HostValidator.KEY, HostValidator.LIBVIRT)) {
            if (messageOf(f) != null) {
                fields.get(f).requestFocus();
                return;
            }
        }
    }

    public HostFormModel model() {
        return model;
    }
}
