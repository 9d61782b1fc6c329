package org.clusterdeck.ui.vm;

import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import org.clusterdeck.text.TerminalText;
import org.clusterdeck.model.DiskDetails;
import org.clusterdeck.model.Host;
import org.clusterdeck.model.NicDetails;
import org.clusterdeck.model.Vm;
import org.clusterdeck.ui.UiContext;
import org.clusterdeck.virt.VirtService;

/**
 * A VM's virtualization details for the details pane: state and size, disks, NICs (MAC, network
 * or bridge, MTU) as last synced, and an Actions menu ({@link VmActions}). Disks and NICs are
 * read in the background.
 *
 * <pre>{@code
 * box.getChildren().add(new VmDetailsPane(ctx, virt, vm, hostsOfItsSite));
 * }</pre>
 */
public final class VmDetailsPane extends VBox {
    private final GridPane devices = new GridPane();

    private record Devices(List<DiskDetails> disks, List<NicDetails> nics) {
    }

    public VmDetailsPane(UiContext ctx, VirtService virt, Vm vm, List<Host> moveTargets) {
        super(8);
        setId("vm-details");
        setPadding(new Insets(4, 0, 4, 0));
        MenuButton actions = new MenuButton("Actions");
        actions.setId("vm-actions");
        actions.getItems().setAll(new VmActions(ctx, virt).menuItems(vm, moveTargets));
        GridPane facts = new GridPane();
        facts.setHgap(10);
        facts.setVgap(4);
        int r = 0;
        facts.addRow(r++, new Label("State"), new Label(vm.state().dbValue()));
        facts.addRow(r++, new Label("vCPUs"), new Label(String.valueOf(vm.vcpus())));
        facts.addRow(r++, new Label("Memory"), new Label(vm.memoryMib() + " MiB"));
        facts.addRow(r++, new Label("Disk"), new Label(vm.diskGib() + " GiB"));
        facts.addRow(r++, new Label("Autostart"), new Label(vm.autostart() ? "yes" : "no"));
        facts.addRow(r, new Label("UUID"), new Label(vm.uuid() == null ? "not synced yet" : vm.uuid()));
        devices.setHgap(10);
        devices.setVgap(4);
        devices.add(new Label("Reading disks and NICs…"), 0, 0);
        getChildren().addAll(actions, facts, devices);
        var repo = virt.repository();
        ctx.jobs().background("Read devices of " + vm.name(), () -> new Devices(repo.disks(vm.id()), repo.nics(vm.id())))
                .whenComplete((d, e) -> ctx.fx().execute(() -> showDevices(d, e)));
    }

    private void showDevices(Devices d, Throwable error) {
        devices.getChildren().clear();
        if (error != null) {
            devices.add(new Label("Cannot read the devices: " + TerminalText.visible(error.getMessage())), 0, 0);
            return;
        }
        int r = 0;
        for (DiskDetails k : d.disks()) {
            devices.addRow(r++, new Label("Disk " + k.target()), new Label(k.device() + "  " + k.source()
                    + (k.format() == null ? "" : "  (" + k.format() + ")")));
        }
        for (NicDetails n : d.nics()) {
            devices.addRow(r++, new Label("NIC " + n.mac()), new Label(n.type() + " " + n.source()
                    + (n.model() == null ? "" : ", " + n.model()) + (n.mtu() == null ? "" : ", MTU " + n.mtu())));
        }
        if (r == 0) {
            devices.add(new Label("No disks or NICs known; sync the host."), 0, 0);
        }
    }
}
