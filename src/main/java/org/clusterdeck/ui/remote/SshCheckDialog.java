package org.clusterdeck.ui.remote;

import org.clusterdeck.text.TerminalText;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.clusterdeck.model.Host;
import org.clusterdeck.remote.KnownHosts;
import org.clusterdeck.remote.SshCheck;
import org.clusterdeck.ui.UiContext;

/** "Check SSH…" on a host: each step (reachable, host key, login, sudo, OS, kernel) with its result. */
public final class SshCheckDialog extends Dialog<Void> {
    private final SshCheckViewModel vm;

    private SshCheckDialog(Window owner, UiContext ctx, KnownHosts knownHosts, Host host) {
        if (owner != null) {
            initOwner(owner);
        }
        setTitle("SSH check: " + host.name());
        setHeaderText("Checking how ClusterDeck reaches " + host.name() + " (" + host.sshUser() + "@" + host.address() + ").");
        vm = new SshCheckViewModel(ctx, knownHosts);
        ListView<SshCheck.Step> list = new ListView<>(vm.steps());
        list.setId("ssh-check-steps");
        list.setPrefSize(620, 230);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(SshCheck.Step s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty || s == null ? null : (s.ok() ? "✓ " : "✗ ") + s.name() + ": " + TerminalText.visible(s.detail()));
                setWrapText(true);
                setPrefWidth(0);
            }
        });
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(vm.runningProperty());
        Label summary = new Label();
        summary.setId("ssh-check-summary");
        summary.textProperty().bind(vm.summaryProperty());
        summary.setWrapText(true);
        summary.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        CheckBox password = new CheckBox("Log in with a password instead of a key (asked now, never stored)");
        password.setId("ssh-check-password");
        password.setWrapText(true);
        password.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        Button again = org.clusterdeck.ui.common.Forms.keepText(new Button("Check again"));
        again.setId("ssh-check-again");
        again.disableProperty().bind(vm.runningProperty());
        HBox.setHgrow(password, javafx.scene.layout.Priority.ALWAYS);
        password.setMaxWidth(Double.MAX_VALUE);
        getDialogPane().setContent(new VBox(10, new HBox(8, busy, summary), list, new HBox(10, password, again)));
        getDialogPane().setId("ssh-check-dialog");
        getDialogPane().getButtonTypes().setAll(ButtonType.CLOSE);
        FxRemotePrompts prompts = new FxRemotePrompts(ctx.fx(), () -> getDialogPane().getScene().getWindow());
        again.setOnAction(e -> vm.check(host, prompts, prompts, password.isSelected()));
        vm.check(host, prompts, prompts);
    }

    public SshCheckViewModel viewModel() {
        return vm;
    }

    /** Opens the dialog (non-blocking) and starts the check. */
    public static SshCheckDialog show(Window owner, UiContext ctx, KnownHosts knownHosts, Host host) {
        SshCheckDialog d = new SshCheckDialog(owner, ctx, knownHosts, host);
        d.show();
        return d;
    }
}
