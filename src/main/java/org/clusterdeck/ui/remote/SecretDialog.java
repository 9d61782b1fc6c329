package org.clusterdeck.ui.remote;

import javafx.application.Platform;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Asks for a key passphrase or a password. The text is handed over once as a char array and the
 * field is cleared; nothing is stored.
 */
public final class SecretDialog extends Dialog<char[]> {
    private final PasswordField field = new PasswordField();

    public SecretDialog(Window owner, String title, String header, String prompt) {
        if (owner != null) {
            initOwner(owner);
        }
        setTitle(title);
        setHeaderText(header);
        field.setId("secret-field");
        field.setPromptText(prompt);
        Label note = new Label("Used for this connection only; ClusterDeck never stores it.");
        getDialogPane().setContent(new VBox(8, field, note));
        getDialogPane().setId("secret-dialog");
        getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        getDialogPane().lookupButton(ButtonType.OK).setId("secret-ok");
        setResultConverter(b -> {
            char[] value = b == ButtonType.OK ? field.getText().toCharArray() : null;
            field.clear();
            return value;
        });
        setOnShown(e -> Platform.runLater(field::requestFocus));
    }

    public PasswordField field() {
        return field;
    }
}
