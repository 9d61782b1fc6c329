package org.clusterdeck.ui.main;

import java.util.LinkedHashMap;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.clusterdeck.inventory.InventoryService;
import org.clusterdeck.inventory.InventorySnapshot;
import org.clusterdeck.inventory.ValidationException;
import org.clusterdeck.job.JobRunner;
import org.clusterdeck.model.Backend;
import org.clusterdeck.model.DatabaseNode;
import org.clusterdeck.model.Host;
import org.clusterdeck.model.LoadBalancer;
import org.clusterdeck.model.Site;
import org.clusterdeck.model.Vm;

/**
 * The selection's properties. A host is edited in place (same fields and checks as the dialog);
 * other kinds are shown read-only until their feature brings an editor.
 */
public final class DetailsView extends ScrollPane {
    private final MainViewModel vm;
    private final VBox box = new VBox(10);
    private org.clusterdeck.virt.VirtService virt;
    private java.util.function.Function<Host, java.util.List<javafx.scene.Node>> hostSections = h -> java.util.List.of();

    public DetailsView(MainViewModel vm) {
        this.vm = vm;
        setId("details");
        setFitToWidth(true);
        box.setPadding(new Insets(10));
        setContent(box);
        vm.selectionProperty().addListener((o, old, sel) -> show(sel));
        show(null);
    }

    private void show(InventoryItem sel) {
        box.getChildren().clear();
        if (sel == null || sel.model() == null) {
            box.getChildren().add(hint("Select a site, host, VM, load balancer or database to see its details."));
            return;
        }
        Label title = new Label(sel.label());
        title.getStyleClass().add("title-3");
        title.setId("details-title");
        title.setWrapText(true); // a long name in a narrow pane takes two lines rather than "…"
        title.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        box.getChildren().add(title);
        if (sel.model() instanceof Host h) {
            showHost(h);
        } else {
            box.getChildren().add(grid(properties(sel.model(), vm.snapshotProperty().get())));
            if (virt != null && sel.model() instanceof Vm v) {
                box.getChildren().add(new org.clusterdeck.ui.vm.VmDetailsPane(vm.context(), virt, v, sameSite(v)));
            }
        }
    }

    /** What the features add to a host's details (hardening applied …), below its properties. */
    public void setHostSections(java.util.function.Function<Host, java.util.List<javafx.scene.Node>> sections) {
        this.hostSections = sections;
    }

    /** Adds the VM and host virtualization panes (VM actions, devices, libvirt state) to the details. */
    public void setVirt(org.clusterdeck.virt.VirtService virt) {
        this.virt = virt;
    }

    private java.util.List<Host> sameSite(Vm v) {
        var snap = vm.snapshotProperty().get();
        if (snap == null) {
            return java.util.List.of();
        }
        long site = snap.host(v.hostId()).map(Host::siteId).orElse(-1L);
        return snap.hosts().stream().filter(h -> h.siteId() == site).toList();
    }

    private void showHost(Host h) {
        Site site = vm.snapshotProperty().get() == null ? null : vm.snapshotProperty().get().site(h.siteId()).orElse(null);
        if (site != null && site.isDemo()) {
            box.getChildren().add(hint("Demo host: its address is a label; ClusterDeck never connects to it. "
                    + "For SSH features use practice hosts on this machine: Tools ▸ Local lab, or " + org.clusterdeck.text.Invocation.asRoot("lab up") + "."));
        }
        Map<String, Object> hw = new LinkedHashMap<>();
        hw.put("CPU", h.cpuModel() == null ? null : h.cpuModel() + (h.cpuCores() == null ? "" : " · " + h.cpuCores() + " cores"));
        hw.put("Memory", h.memoryMib() == null ? null : gib(h.memoryMib()));
        hw.put("Disk", h.diskGib() == null ? null : h.diskGib() + " GiB");
        box.getChildren().add(grid(hw));
        if (virt != null) {
            box.getChildren().add(new org.clusterdeck.ui.vm.HostVirtPane(vm.context(), virt, h));
        }
        box.getChildren().addAll(hostSections.apply(h)); // what features know of the host (hardening …), above its edit form

        HostFormModel model = new HostFormModel();
        model.load(h, site == null ? "" : site.name());
        HostForm form = new HostForm(model);
        form.setId("details-host-form");
        Button save = org.clusterdeck.ui.common.Forms.keepText(new Button("Save changes"));
        save.setId("details-save");
        save.getStyleClass().add("accent");
        save.disableProperty().bind(form.validation().invalidProperty());
        Label saved = org.clusterdeck.ui.common.Forms.hint("");
        HBox.setHgrow(saved, javafx.scene.layout.Priority.ALWAYS);
        InventoryService service = vm.context().services().inventory();
        save.setOnAction(e -> {
            var input = model.toInput(h.role());
            vm.context().jobs().background("Save host", () -> service.updateHost(h.id(), input))
                    .whenCompleteAsync((host, err) -> {
                        if (err == null) {
                            saved.setText("Saved.");
                            form.showErrors(java.util.List.of());
                        } else if (err.getCause() instanceof ValidationException ve) {
                            form.showErrors(ve.errors());
                        } else {
                            saved.setText("Not saved: " + JobRunner.describe(err));
                        }
                    }, vm.context().fx());
        });
        box.getChildren().addAll(form, new HBox(10, save, saved));
    }

    static Map<String, Object> properties(Object model, InventorySnapshot snap) {
        Map<String, Object> p = new LinkedHashMap<>();
        if (model instanceof Site s) {
            p.put("Kind", s.kind().dbValue());
            p.put("Description", s.description());
            if (snap != null) {
                p.put("Hosts", snap.hostsOf(s).size());
            }
        } else if (model instanceof Vm v) {
            p.put("State", v.state().dbValue());
            p.put("Role", v.role());
            p.put("Address", v.address());
            p.put("vCPUs", v.vcpus());
            p.put("Memory", gib(v.memoryMib()));
            p.put("Disk", v.diskGib() + " GiB");
            p.put("Autostart", v.autostart() ? "yes" : "no");
            p.put("UUID", v.uuid());
            if (snap != null) {
                p.put("Host", snap.host(v.hostId()).map(Host::name).orElse(null));
            }
        } else if (model instanceof LoadBalancer lb) {
            p.put("Algorithm", lb.algorithm());
            p.put("Listens on", "port " + lb.listenPort());
            p.put("Server name", lb.serverName());
            for (Backend b : lb.backends()) {
                p.put("Backend " + b.address() + ":" + b.port(), "weight " + b.weight() + ", max_fails " + b.maxFails()
                        + ", fail_timeout " + b.failTimeoutSeconds() + "s" + (b.backup() ? ", backup" : ""));
            }
            p.put("Notes", lb.notes());
        } else if (model instanceof DatabaseNode db) {
            p.put("Engine", db.engine() + (db.version() == null ? "" : " " + db.version()));
            p.put("Role", db.role());
            p.put("Port", db.port());
            if (snap != null && db.replicationSourceId() != null) {
                p.put("Replicates from", snap.databases().stream().filter(d -> d.id() == db.replicationSourceId())
                        .map(DatabaseNode::name).findFirst().orElse("?"));
            }
        }
        return p;
    }

    private static String gib(long mib) {
        return mib % 1024 == 0 ? mib / 1024 + " GiB" : mib + " MiB";
    }

    private static GridPane grid(Map<String, Object> props) {
        org.clusterdeck.ui.common.Forms.Builder form = org.clusterdeck.ui.common.Forms.form();
        for (var e : props.entrySet()) {
            form.value(e.getKey(), new javafx.beans.property.SimpleStringProperty(
                    e.getValue() == null ? "—" : String.valueOf(e.getValue())));
        }
        return form.build();
    }

    private static Label hint(String text) {
        return org.clusterdeck.ui.common.Forms.hint(text);
    }
}
