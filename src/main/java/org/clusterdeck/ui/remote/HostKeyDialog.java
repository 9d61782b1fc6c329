package org.clusterdeck.ui.remote;

import javafx.geometry.Insets;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.clusterdeck.remote.UnknownHostKey;

/**
 * Asks whether to trust a host key seen for the first time: host, address, key type and the
 * SHA256 fingerprint (selectable, to compare with {@code ssh-keygen -lf} on the host). Rejecting
 * is the default button, so Enter never trusts by accident.
 */
public final class HostKeyDialog extends Dialog<Boolean> {
    public static final ButtonType TRUST = new ButtonType("Trust and connect", ButtonBar.ButtonData.OK_DONE);
    public static final ButtonType REJECT = new ButtonType("Reject", ButtonBar.ButtonData.CANCEL_CLOSE);

    public HostKeyDialog(Window owner, UnknownHostKey key) {
        if (owner != null) {
            initOwner(owner);
        }
        setTitle("Unknown host key");
        setHeaderText("ClusterDeck has not connected to " + key.hostName() + " before.");
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(6);
        grid.addRow(0, new Label("Host:"), value("host-key-host", key.hostName()));
        grid.addRow(1, new Label("Address:"), value("host-key-address",
                key.address() + (key.port() == 22 ? "" : ":" + key.port())));
        grid.addRow(2, new Label("Key type:"), value("host-key-type", key.keyType()));
        grid.addRow(3, new Label("Fingerprint:"), value("host-key-fingerprint", key.fingerprint()));
        Label advice = new Label("Compare the fingerprint with the one the host shows on its console "
                + "(ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub). Trust it only if they are the same; "
                + "it is then remembered and checked on every connection.");
        advice.setWrapText(true);
        advice.setMaxWidth(520);
        VBox box = new VBox(12, grid, advice);
        box.setPadding(new Insets(8, 0, 0, 0));
        getDialogPane().setContent(box);
        getDialogPane().setId("host-key-dialog");
        getDialogPane().getButtonTypes().setAll(TRUST, REJECT);
        getDialogPane().lookupButton(TRUST).setId("host-key-trust");
        getDialogPane().lookupButton(REJECT).setId("host-key-reject");
        ((javafx.scene.control.Button) getDialogPane().lookupButton(TRUST)).setDefaultButton(false);
        ((javafx.scene.control.Button) getDialogPane().lookupButton(REJECT)).setDefaultButton(true);
        setResultConverter(b -> b == TRUST);
    }

    private static TextField value(String id, String text) {
        TextField f = new TextField(text);
        f.setId(id);
        f.setEditable(false);
        f.setPrefColumnCount(Math.max(20, Math.min(text.length(), 52)));
        return f;
    }
}
