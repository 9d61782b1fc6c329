package org.clusterdeck.ui.common;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.stage.Window;

/** {@link Dialogs} as JavaFX alerts over the window; the text wraps, so nothing is cut. Call on the FX thread. */
public final class FxDialogs implements Dialogs {
    private final Supplier<Window> owner;

    public FxDialogs(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public boolean confirm(Confirmation c) {
        ButtonType act = new ButtonType(c.actionLabel(), ButtonBar.ButtonData.OK_DONE);
        Alert a = alert(Alert.AlertType.CONFIRMATION, c.title(), c.whatItWillDo(), act, ButtonType.CANCEL);
        // Cancel is the default: Enter alone never removes anything
        ((javafx.scene.control.Button) a.getDialogPane().lookupButton(act)).setDefaultButton(false);
        ((javafx.scene.control.Button) a.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        return a.showAndWait().filter(b -> b == act).isPresent();
    }

    @Override
    public Optional<String> choose(String title, String text, List<String> choices) {
        ButtonType[] types = new ButtonType[choices.size() + 1];
        for (int i = 0; i < choices.size(); i++) {
            types[i] = new ButtonType(choices.get(i), ButtonBar.ButtonData.OTHER);
        }
        types[choices.size()] = ButtonType.CANCEL;
        Alert a = alert(Alert.AlertType.CONFIRMATION, title, text, types);
        return a.showAndWait().filter(b -> b != ButtonType.CANCEL).map(ButtonType::getText);
    }

    @Override
    public void error(String title, String message) {
        alert(Alert.AlertType.ERROR, title, message, ButtonType.OK).show();
    }

    @Override
    public void info(String title, String message) {
        alert(Alert.AlertType.INFORMATION, title, message, ButtonType.OK).show();
    }

    private Alert alert(Alert.AlertType type, String title, String text, ButtonType... buttons) {
        Alert a = new Alert(type, "", buttons);
        Window w = owner.get();
        if (w != null) {
            a.initOwner(w);
        }
        a.setTitle(title);
        a.setHeaderText(title);
        Label body = new Label(text);
        body.setWrapText(true);
        body.setMinHeight(Region.USE_PREF_SIZE);
        body.setPrefWidth(460);
        a.getDialogPane().setContent(body);
        a.getDialogPane().getButtonTypes().forEach(b -> {
            if (a.getDialogPane().lookupButton(b) instanceof javafx.scene.control.Button btn) {
                Forms.keepText(btn);
            }
        });
        return a;
    }
}
