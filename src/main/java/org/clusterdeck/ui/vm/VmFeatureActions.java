package org.clusterdeck.ui.vm;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.MenuItem;
import org.clusterdeck.model.Host;
import org.clusterdeck.model.Vm;
import org.clusterdeck.ui.UiContext;
import org.clusterdeck.ui.common.FeatureActions;
import org.clusterdeck.ui.common.MainWindow;
import org.clusterdeck.ui.vmwizard.VmWizard;
import org.clusterdeck.virt.VirtException;
import org.clusterdeck.virt.VirtService;

/** Virtual machines in the main window: "New VM…" and "Sync with libvirt" on a host, the lifecycle of a VM. */
public final class VmFeatureActions implements FeatureActions {
    private final UiContext ctx;
    private final VirtService virt;

    public VmFeatureActions(UiContext ctx, VirtService virt) {
        this.ctx = ctx;
        this.virt = virt;
    }

    @Override
    public List<MenuItem> contextItems(Object node, MainWindow window) {
        List<MenuItem> items = new ArrayList<>();
        if (node instanceof Host h) {
            MenuItem newVm = new MenuItem("New VM…");
            newVm.setOnAction(e -> newVm(window, h.name()));
            MenuItem sync = new MenuItem("Sync with libvirt");
            sync.setOnAction(e -> virt.sync(h));
            items.add(newVm);
            items.add(sync);
        } else if (node instanceof Vm v) {
            long site = window.snapshot() == null ? -1
                    : window.snapshot().host(v.hostId()).map(Host::siteId).orElse(-1L);
            items.addAll(new VmActions(ctx, virt).menuItems(v, window.hostsOfSite(site)));
        }
        return items;
    }

    private void newVm(MainWindow window, String host) {
        try {
            VmWizard.show(window.window(), ctx, virt, host);
        } catch (VirtException e) {
            Alert a = new Alert(Alert.AlertType.ERROR, e.getMessage(), ButtonType.OK);
            a.initOwner(window.window());
            a.setHeaderText("Virtual machines are unavailable");
            a.show();
        }
    }
}
