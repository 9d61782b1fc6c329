package org.clusterdeck.ui.remote;

import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.clusterdeck.lab.LabInventory;
import org.clusterdeck.model.Host;
import org.clusterdeck.model.SiteKind;
import org.clusterdeck.store.Store;
import org.clusterdeck.text.Invocation;
import org.clusterdeck.ui.UiContext;

/**
 * Where a feature needs a real host and the user picked a demo one: says why it cannot work
 * there, offers to start the local lab (or, without root, names the exact command), and then
 * continues the same feature on the lab twin: the lab host of the same role, else the first.
 */
public final class DemoHostPrompt {
    private DemoHostPrompt() {
    }

    /**
     * Runs a feature that needs a real host: on a demo host it explains why not, offers the local
     * lab and continues on the lab twin of the same role; on any other host it runs at once.
     */
    public static void onRealHost(Window owner, UiContext ctx, Host host, String feature, Consumer<Host> action) {
        ctx.background().run("Is " + host.name() + " a demo host", () -> ctx.store().sites().findById(host.siteId())
                        .map(site -> site.isDemo()).orElse(false))
                .onSuccess(demo -> {
                    if (demo) {
                        show(owner, ctx, host.name(), host.role(), feature, action);
                    } else {
                        action.accept(host);
                    }
                });
    }

    /**
     * @param subject  what was picked, e.g. "pve1" or "VM web1"
     * @param role     its role, to pick the lab twin (web, app, …); may be null
     * @param feature  what the user wanted, e.g. "Kernel tuning"
     */
    public static void show(Window owner, UiContext ctx, String subject, String role, String feature,
                            Consumer<Host> continueOn) {
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle(feature + " needs a real host");
        d.setHeaderText(feature + " needs a host ClusterDeck can reach; " + subject + " is a demo host.");
        Label why = wrapped(subject + " belongs to the demo lab: its address is a label on libvirt's test driver, "
                + "nothing answers there, and ClusterDeck never connects to it or sends traffic to it. The local lab "
                + "makes practice hosts on this machine (booted containers running sshd and nginx, reachable only "
                + "from here) on which " + feature.toLowerCase(java.util.Locale.ROOT) + " works for real.");
        Label status = wrapped("");
        status.setId("demo-prompt-status");
        Button go = new Button();
        go.setId("demo-prompt-continue");
        go.setDefaultButton(true);
        VBox box = new VBox(10, why);
        box.setPrefWidth(560);
        LabViewModel lab = new LabViewModel(ctx, ctx.services().lab(),
                new org.clusterdeck.ui.common.FxDialogs(() -> d.getDialogPane().getScene().getWindow()));
        if (!Invocation.isRoot()) {
            String command = Invocation.asRoot("lab up");
            box.getChildren().add(wrapped("Starting the lab needs root (containers, a bridge and routes). In a terminal, "
                    + "run this command, then press Continue on the lab:"));
            TextField cmd = new TextField(command);
            cmd.setId("demo-prompt-command");
            cmd.setEditable(false);
            box.getChildren().add(cmd);
        }
        go.setText(Invocation.isRoot() ? "Start the local lab and continue" : "Continue on the lab");
        box.getChildren().addAll(go, status);
        d.getDialogPane().setContent(box);
        d.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);

        Runnable continueIfUp = () -> ctx.jobs().background("Find the lab twin", () -> twin(ctx.store(), role))
                .whenCompleteAsync((host, err) -> {
                    if (host != null) {
                        d.close();
                        continueOn.accept(host);
                    } else {
                        go.setDisable(false);
                        status.setText(err != null ? "Could not read the lab's hosts: " + err.getMessage()
                                : "No lab host yet: run the command above first, then press Continue on the lab.");
                    }
                }, ctx.fx());
        boolean[] labUp = {false};
        go.setOnAction(e -> {
            go.setDisable(true);
            if (labUp[0] || !Invocation.isRoot()) {
                continueIfUp.run();
                return;
            }
            status.textProperty().bind(lab.messageProperty());
            lab.busyProperty().addListener((o, was, busy) -> {
                if (!busy) {
                    status.textProperty().unbind();
                    continueIfUp.run();
                }
            });
            lab.up();
        });
        // a lab that is already up: say where it will continue
        ctx.jobs().background("Find the lab twin", () -> twin(ctx.store(), role)).whenCompleteAsync((host, err) -> {
            if (host != null) {
                labUp[0] = true;
                go.setText("Continue on lab host " + host.name());
                status.setText("The local lab is up; " + host.name() + " (" + host.address() + ") is its "
                        + (role != null && role.equals(host.role()) ? role + " host." : "first host."));
            }
        }, ctx.fx());
        d.show();
    }

    /** The lab host of the same role, else the first lab host by name; null when the lab is down. */
    static Host twin(Store store, String role) {
        List<Host> hosts = store.sites().findByName(LabInventory.SITE_NAME).filter(s -> s.kind() == SiteKind.LAB)
                .map(s -> store.hosts().findBySite(s.id())).orElse(List.of()).stream()
                .sorted(Comparator.comparing(Host::name)).toList();
        return hosts.stream().filter(h -> role != null && role.equals(h.role())).findFirst()
                .orElse(hosts.isEmpty() ? null : hosts.get(0));
    }

    private static Label wrapped(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        return l;
    }
}
