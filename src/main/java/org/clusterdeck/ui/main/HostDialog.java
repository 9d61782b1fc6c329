package org.clusterdeck.ui.main;

import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.stage.Window;
import org.clusterdeck.inventory.InventoryService;
import org.clusterdeck.inventory.ValidationException;
import org.clusterdeck.job.JobRunner;
import org.clusterdeck.model.Host;
import org.clusterdeck.ui.UiContext;

/**
 * Add or edit a host. OK stays disabled while a field is invalid; saving runs off the FX thread;
 * errors found by the save (a duplicate name) are shown in the dialog, which keeps what was typed.
 */
public final class HostDialog extends Dialog<Host> {
    private final HostForm form;

    private HostDialog(Window owner, UiContext ctx, Host existing, String siteName) {
        initOwner(owner);
        setTitle(existing == null ? "Add host" : "Edit host " + existing.name());
        setHeaderText(existing == null
                ? "A host ClusterDeck manages over SSH and libvirt."
                : "Change how ClusterDeck reaches " + existing.name() + ".");
        HostFormModel model = new HostFormModel();
        if (existing != null) {
            model.load(existing, siteName);
        }
        form = new HostForm(model);
        getDialogPane().setContent(form);
        getDialogPane().setId("host-dialog");
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        Button ok = (Button) getDialogPane().lookupButton(ButtonType.OK);
        ok.setId("host-dialog-ok");
        ok.setText(existing == null ? "Add" : "Save");
        ok.disableProperty().bind(form.validation().invalidProperty());

        InventoryService service = ctx.services().inventory();
        ok.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume(); // the dialog closes only after a successful save
            ok.disableProperty().unbind();
            ok.setDisable(true);
            var input = model.toInput(existing == null ? null : existing.role());
            ctx.jobs().background("Save host", () -> existing == null ? service.addHost(input)
                            : service.updateHost(existing.id(), input))
                    .whenCompleteAsync((host, err) -> {
                        ok.disableProperty().bind(form.validation().invalidProperty());
                        if (err == null) {
                            setResult(host);
                            close();
                        } else if (err.getCause() instanceof ValidationException ve) {
                            form.showErrors(ve.errors());
                        } else {
                            form.showErrors(java.util.List.of(new org.clusterdeck.inventory.FieldError("save",
                                    JobRunner.describe(err))));
                        }
                    }, ctx.fx());
        });
        setResultConverter(b -> null);
    }

    public HostForm form() {
        return form;
    }

    /** Opens the dialog (non-blocking); {@code onSaved} receives the stored host. */
    public static HostDialog open(Window owner, UiContext ctx, Host existing, String siteName,
                                  java.util.function.Consumer<Host> onSaved) {
        HostDialog d = new HostDialog(owner, ctx, existing, siteName);
        d.setOnHidden(e -> {
            if (d.getResult() != null) {
                onSaved.accept(d.getResult());
            }
        });
        d.show();
        return d;
    }
}
