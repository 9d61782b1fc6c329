package org.clusterdeck.ui.vm;

import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import org.clusterdeck.text.TerminalText;
import org.clusterdeck.model.Host;
import org.clusterdeck.model.HostVirtInfo;
import org.clusterdeck.ui.UiContext;
import org.clusterdeck.virt.Connections;
import org.clusterdeck.virt.Units;
import org.clusterdeck.virt.VirtService;

/**
 * A host's hypervisor side for the details pane: libvirt connection state, last sync and its
 * error, free memory, networks and storage pools, and a "Sync now" button (a job).
 */
public final class HostVirtPane extends VBox {
    private final GridPane grid = new GridPane();

    private record Facts(String uri, Connections.Status status, HostVirtInfo info, int networks,
                         java.util.List<org.clusterdeck.model.PoolDetails> pools) {
    }

    public HostVirtPane(UiContext ctx, VirtService virt, Host host) {
        super(8);
        setId("host-virt");
        setPadding(new Insets(4, 0, 4, 0));
        grid.setHgap(10);
        grid.setVgap(4);
        Button sync = new Button("Sync now");
        sync.setId("host-sync");
        var unavailable = VirtService.unavailable();
        sync.setDisable(unavailable.isPresent());
        sync.setOnAction(e -> virt.sync(host));
        getChildren().addAll(grid, sync);
        if (unavailable.isPresent()) {
            grid.add(new Label(unavailable.get()), 0, 0);
            return;
        }
        var repo = virt.repository();
        ctx.jobs().background("Read libvirt details of " + host.name(), () -> {
            String uri = host.libvirtUri() == null && !virt.isDemo(host) ? null : virt.uriOf(host);
            return new Facts(uri, uri == null ? null : virt.connections().status(uri), repo.hostInfo(host.id()).orElse(null),
                    repo.networks(host.id()).size(), repo.pools(host.id()));
        }).whenComplete((d, e) -> ctx.fx().execute(() -> show(d, e)));
    }

    private void show(Facts d, Throwable error) {
        if (error != null) {
            grid.add(new Label("Cannot read the libvirt details: " + TerminalText.visible(error.getMessage())), 0, 0);
            return;
        }
        int r = 0;
        if (d.uri() == null) {
            grid.add(new Label("No libvirt URI: edit the host to manage its VMs."), 0, 0);
            return;
        }
        Connections.Status st = d.status();
        grid.addRow(r++, new Label("libvirt"), new Label(d.uri() + "  (" + st.state().name().toLowerCase() + ": "
                + TerminalText.visible(st.message()) + ")"));
        HostVirtInfo info = d.info();
        if (info != null) {
            grid.addRow(r++, new Label("Last sync"), new Label(info.syncedAt() == null ? "never" : info.syncedAt().toString()));
            if (info.freeMemoryMib() != null) {
                grid.addRow(r++, new Label("Free memory"), new Label(Units.human(info.freeMemoryMib() * Units.MIB)));
            }
            if (info.lastError() != null) {
                Label err = new Label(TerminalText.visible(info.lastError()));
                err.setWrapText(true);
                err.setStyle("-fx-text-fill: -color-danger-fg;");
                grid.addRow(r++, new Label("Last error"), err);
            }
        }
        grid.addRow(r++, new Label("Networks"), new Label(String.valueOf(d.networks())));
        for (var p : d.pools()) {
            grid.addRow(r++, new Label("Pool " + p.name()), new Label(p.volumes().size() + " volumes, "
                    + Units.human(p.availableBytes()) + " free"));
        }
    }
}
