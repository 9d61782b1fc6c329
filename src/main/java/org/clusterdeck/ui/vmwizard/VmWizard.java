package org.clusterdeck.ui.vmwizard;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;
import org.clusterdeck.job.Job;
import org.clusterdeck.job.JobRunner;
import org.clusterdeck.model.Vm;
import org.clusterdeck.ui.UiContext;
import org.clusterdeck.virt.VirtException;
import org.clusterdeck.virt.VirtService;
import org.clusterdeck.ui.common.wizard.LinearFlow;
import org.clusterdeck.ui.common.wizard.Wizard;
import org.clusterdeck.ui.common.wizard.WizardStep;

/**
 * The VM creation wizard: name and purpose, install source, CPU, memory, storage,
 * network, summary. Host data is read in a job first; Finish defines (and optionally starts) the
 * VM in a job that shows in the jobs panel; the new VM reaches the tree through InventoryEvents.
 *
 * <pre>{@code
 * VmWizard.show(stage, ctx, virtService, "pve1");
 * }</pre>
 */
public final class VmWizard {
    private final UiContext ctx;
    private final VmWizardModel model;
    private final Wizard wizard;
    private volatile Job<Vm> job;

    private VmWizard(Window owner, UiContext ctx, VirtService virt) {
        this.ctx = ctx;
        this.model = new VmWizardModel(virt);
        java.util.List<WizardStep> steps = java.util.List.of(new NameStep(model), new SourceStep(model),
                new CpuStep(model), new MemoryStep(model), new StorageStep(model), new NetworkStep(model),
                new SummaryStep(model));
        this.wizard = new Wizard("New virtual machine", steps, new LinearFlow(steps, this::finish));
        this.owner = owner;
    }

    private final Window owner;

    /** Opens the wizard (not modal-blocking) for creating a VM, preferably on {@code host}. */
    public static VmWizard show(Window owner, UiContext ctx, VirtService virt, String host) {
        VirtService.unavailable().ifPresent(problem -> {
            throw new VirtException("NO_LIBVIRT", problem);
        });
        VmWizard w = new VmWizard(owner, ctx, virt);
        w.loadHosts(host);
        w.wizard.show(owner);
        return w;
    }

    private void loadHosts(String preferred) {
        ctx.jobs().background("Read hosts for the VM wizard", () -> VmWizardModel.load(model.virt()))
                .whenComplete((hosts, error) -> ctx.fx().execute(() -> {
            if (error != null) {
                alert("Cannot read the hosts: " + JobRunner.describe(error));
            } else {
                model.setHosts(hosts, preferred);
            }
        }));
    }

    private void finish() {
        try {
            job = model.submit();
        } catch (VirtException e) {
            alert(e.getMessage());
            return;
        }
        wizard.statusProperty().set("Creating " + model.name.get() + " in a job (see the jobs panel)…");
        wizard.stage().close();
        job.result().whenComplete((vm, error) -> {
            if (error != null) {
                ctx.fx().execute(() -> alert("The VM was not created: " + JobRunner.describe(error)));
            }
        });
    }

    private void alert(String message) {
        Alert a = new Alert(Alert.AlertType.ERROR, message, ButtonType.OK);
        a.setHeaderText("New virtual machine");
        a.initOwner(owner);
        a.show();
    }

    public VmWizardModel model() {
        return model;
    }

    public Wizard wizard() {
        return wizard;
    }

    /** The create job once Finish was pressed, else null. */
    public Job<Vm> job() {
        return job;
    }
}
