package org.clusterdeck.ui.vm;

import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import org.clusterdeck.ui.common.Forms;
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
    private final VBox box = new VBox();

    private record Facts(String uri, Connections.Status status, HostVirtInfo info, int networks,
                         java.util.List<org.clusterdeck.model.PoolDetails> pools) {
    }

    public HostVirtPane(UiContext ctx, VirtService virt, Host host) {
        super(8);
        setId("host-virt");
        setPadding(new Insets(4, 0, 4, 0));
        Button sync = new Button("Sync now");
        sync.setId("host-sync");
        var unavailable = VirtService.unavailable();
        sync.setDisable(unavailable.isPresent());
        sync.setOnAction(e -> virt.sync(host));
        getChildren().addAll(box, sync);
        if (unavailable.isPresent()) {
            box.getChildren().setAll(Forms.hint(unavailable.get()));
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
            box.getChildren().setAll(Forms.hint("Cannot read the libvirt details: " + TerminalText.visible(error.getMessage())));
            return;
        }
        if (d.uri() == null) {
            box.getChildren().setAll(Forms.hint("No libvirt URI: edit the host to manage its VMs."));
            return;
        }
        Forms.Builder form = Forms.form();
        Connections.Status st = d.status();
        form.value("libvirt", text(d.uri() + "  (" + st.state().name().toLowerCase() + ": " + TerminalText.visible(st.message()) + ")"));
        HostVirtInfo info = d.info();
        if (info != null) {
            form.value("Last sync", text(info.syncedAt() == null ? "never" : TIME.format(info.syncedAt())));
            if (info.freeMemoryMib() != null) {
                form.value("Free memory", text(Units.human(info.freeMemoryMib() * Units.MIB)));
            }
            if (info.lastError() != null) {
                Label err = Forms.value(text(TerminalText.visible(info.lastError())));
                err.setStyle("-fx-text-fill: -color-danger-fg;");
                form.row("Last error", err);
            }
        }
        form.value("Networks", text(String.valueOf(d.networks())));
        for (var p : d.pools()) {
            form.value("Pool " + p.name(), text(p.volumes().size() + " volumes, " + Units.human(p.availableBytes()) + " free"));
        }
        box.getChildren().setAll(form.build());
    }

    /** Local time to the second: the sync time is read by a person, not parsed. */
    private static final java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm:ss").withZone(java.time.ZoneId.systemDefault());

    private static javafx.beans.value.ObservableValue<String> text(String s) {
        return new javafx.beans.property.ReadOnlyStringWrapper(s);
    }
}
