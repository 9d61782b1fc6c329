package org.clusterdeck.ui.vm;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextInputDialog;
import org.clusterdeck.job.Job;
import org.clusterdeck.job.JobRunner;
import org.clusterdeck.model.Host;
import org.clusterdeck.model.Vm;
import org.clusterdeck.model.VmState;
import org.clusterdeck.ui.UiContext;
import org.clusterdeck.virt.NameRules;
import org.clusterdeck.virt.VirtException;
import org.clusterdeck.virt.VirtService;
import org.clusterdeck.virt.VmOperations;
import org.clusterdeck.virt.VmOperations.Power;

/**
 * The lifecycle actions of one VM as menu items, for the inventory tree's context menu and the
 * details pane: power actions enabled by the VM's state, autostart, snapshot, clone, move, delete.
 * Each runs as a job (progress in the jobs panel); a failure is shown in an alert.
 */
public final class VmActions {
    private final UiContext ctx;
    private final VirtService virt;
    private final org.clusterdeck.ui.common.Dialogs dialogs;

    public VmActions(UiContext ctx, VirtService virt, org.clusterdeck.ui.common.Dialogs dialogs) {
        this.ctx = ctx;
        this.virt = virt;
        this.dialogs = dialogs;
    }

    /** Menu items for {@code vm}; {@code moveTargets} are the hosts it may move to (others than its own). */
    public List<MenuItem> menuItems(Vm vm, List<Host> moveTargets) {
        List<MenuItem> items = new ArrayList<>();
        Optional<String> missing = VirtService.unavailable();
        if (missing.isPresent()) {
            MenuItem off = new MenuItem("VM actions unavailable: libvirt0 is not installed");
            off.setDisable(true);
            items.add(off);
            return items;
        }
        VmOperations ops = virt.operations();
        VmState s = vm.state();
        items.add(power(vm, Power.START, s == VmState.STOPPED));
        items.add(power(vm, Power.SHUTDOWN, s == VmState.RUNNING));
        items.add(power(vm, Power.REBOOT, s == VmState.RUNNING));
        items.add(power(vm, Power.FORCE_OFF, s != VmState.STOPPED));
        items.add(power(vm, Power.SUSPEND, s == VmState.RUNNING));
        items.add(power(vm, Power.RESUME, s == VmState.PAUSED));
        items.add(new SeparatorMenuItem());
        CheckMenuItem autostart = new CheckMenuItem("Start with host");
        autostart.setId("vm-autostart");
        autostart.setSelected(vm.autostart());
        autostart.setOnAction(e -> watch(ops.setAutostart(vm, autostart.isSelected())));
        items.add(autostart);
        MenuItem snapshot = new MenuItem("Take snapshot…");
        snapshot.setId("vm-snapshot");
        snapshot.setOnAction(e -> askName("Snapshot of " + vm.name(), "Snapshot name", vm.name() + "-snap")
                .ifPresent(n -> run(() -> ops.createSnapshot(vm, n, null))));
        items.add(snapshot);
        MenuItem clone = new MenuItem("Clone…");
        clone.setId("vm-clone");
        clone.setDisable(s != VmState.STOPPED);
        clone.setOnAction(e -> askName("Clone " + vm.name(), "Name of the copy", vm.name() + "-copy")
                .ifPresent(n -> run(() -> ops.cloneVm(vm, n))));
        items.add(clone);
        Menu move = new Menu("Move to");
        move.setId("vm-move");
        for (Host target : moveTargets) {
            if (target.id() == vm.hostId()) {
                continue;
            }
            MenuItem to = new MenuItem(target.name());
            to.setOnAction(e -> watch(ops.move(vm, target)));
            move.getItems().add(to);
        }
        move.setDisable(move.getItems().isEmpty());
        items.add(move);
        items.add(new SeparatorMenuItem());
        MenuItem delete = new MenuItem("Delete…");
        delete.setId("vm-delete");
        delete.setDisable(s != VmState.STOPPED);
        delete.setOnAction(e -> confirmDelete(vm));
        items.add(delete);
        return items;
    }

    private MenuItem power(Vm vm, Power action, boolean enabled) {
        MenuItem item = new MenuItem(action.label());
        item.setId("vm-" + action.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        item.setDisable(!enabled);
        item.setOnAction(e -> watch(virt.operations().power(vm, action)));
        return item;
    }

    static final String KEEP_DISKS = "Delete, keep disks";
    static final String WITH_DISKS = "Delete with disks";

    /** Asks, saying what each answer removes, then deletes in a job; empty when the user cancelled. */
    Optional<Job<Void>> confirmDelete(Vm vm) {
        Optional<String> answer = dialogs.choose("Delete VM " + vm.name(), "Delete " + vm.name()
                + ": libvirt forgets its definition (a running VM is refused: shut it down first), and ClusterDeck "
                + "removes it and its snapshots from the inventory.\n\n" + KEEP_DISKS + ": its disk files stay in their storage pool.\n"
                + WITH_DISKS + ": its disk files are deleted too.\n\nThis cannot be undone.", List.of(KEEP_DISKS, WITH_DISKS));
        Optional<Job<Void>> job = answer.map(a -> virt.operations().delete(vm, a.equals(WITH_DISKS)));
        job.ifPresent(this::watch);
        return job;
    }

    private Optional<String> askName(String title, String label, String suggestion) {
        TextInputDialog d = new TextInputDialog(suggestion);
        d.setTitle(title);
        d.setHeaderText(label);
        Optional<String> name = d.showAndWait().map(String::strip);
        Optional<String> problem = name.flatMap(n -> NameRules.check("name", n));
        if (problem.isPresent()) {
            error(problem.get());
            return Optional.empty();
        }
        return name;
    }

    private void run(java.util.function.Supplier<Job<?>> start) {
        try {
            watch(start.get());
        } catch (VirtException e) {
            error(e.getMessage());
        }
    }

    private void watch(Job<?> job) {
        job.result().whenComplete((r, error) -> {
            if (error != null) {
                ctx.fx().execute(() -> error(job.name() + " failed: " + JobRunner.describe(error)));
            }
        });
    }

    private void error(String message) {
        dialogs.error("Virtual machine", message);
    }
}
