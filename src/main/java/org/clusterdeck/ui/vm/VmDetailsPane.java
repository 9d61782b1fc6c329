package org.clusterdeck.ui.vm;

import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.MenuButton;
import javafx.scene.layout.VBox;
import org.clusterdeck.text.TerminalText;
import org.clusterdeck.model.DiskDetails;
import org.clusterdeck.model.Host;
import org.clusterdeck.model.NicDetails;
import org.clusterdeck.model.Vm;
import org.clusterdeck.ui.UiContext;
import org.clusterdeck.virt.VirtService;

/**
 * A VM's virtualization details for the details pane (below its facts): disks, NICs (MAC, network
 * or bridge, MTU) as last synced, and an Actions menu ({@link VmActions}). Disks and NICs are
 * read in the background.
 *
 * <pre>{@code
 * box.getChildren().add(new VmDetailsPane(ctx, virt, vm, hostsOfItsSite));
 * }</pre>
 */
public final class VmDetailsPane extends VBox {
    private final VBox devices = new VBox();

    private record Devices(List<DiskDetails> disks, List<NicDetails> nics) {
    }

    public VmDetailsPane(UiContext ctx, VirtService virt, Vm vm, List<Host> moveTargets) {
        super(8);
        setId("vm-details");
        setPadding(new Insets(4, 0, 4, 0));
        MenuButton actions = new MenuButton("Actions");
        actions.setId("vm-actions");
        actions.getItems().setAll(new VmActions(ctx, virt, new org.clusterdeck.ui.common.FxDialogs(
                () -> getScene() == null ? null : getScene().getWindow())).menuItems(vm, moveTargets));
        // state, vCPUs, memory, disk and UUID are in the details form above: listed once, in one unit
        devices.getChildren().setAll(org.clusterdeck.ui.common.Forms.hint("Reading disks and NICs…"));
        getChildren().addAll(actions, devices);
        var repo = virt.repository();
        ctx.jobs().background("Read devices of " + vm.name(), () -> new Devices(repo.disks(vm.id()), repo.nics(vm.id())))
                .whenComplete((d, e) -> ctx.fx().execute(() -> showDevices(d, e)));
    }

    private void showDevices(Devices d, Throwable error) {
        if (error != null) {
            devices.getChildren().setAll(org.clusterdeck.ui.common.Forms.hint("Cannot read the devices: " + TerminalText.visible(error.getMessage())));
            return;
        }
        org.clusterdeck.ui.common.Forms.Builder form = org.clusterdeck.ui.common.Forms.form();
        for (DiskDetails k : d.disks()) {
            form.value("Disk " + k.target(), text(k.device() + "  " + k.source()
                    + (k.format() == null ? "" : "  (" + k.format() + ")")));
        }
        for (NicDetails n : d.nics()) {
            form.value("NIC " + n.mac(), text(n.type() + " " + n.source()
                    + (n.model() == null ? "" : ", " + n.model()) + (n.mtu() == null ? "" : ", MTU " + n.mtu())));
        }
        if (d.disks().isEmpty() && d.nics().isEmpty()) {
            devices.getChildren().setAll(org.clusterdeck.ui.common.Forms.hint("No disks or NICs known; sync the host."));
        } else {
            devices.getChildren().setAll(form.build());
        }
    }

    private static javafx.beans.value.ObservableValue<String> text(String s) {
        return new javafx.beans.property.ReadOnlyStringWrapper(s);
    }
}
