package org.clusterdeck.ui.security;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tab;
import org.clusterdeck.model.Host;
import org.clusterdeck.ui.UiContext;
import org.clusterdeck.ui.common.FeatureActions;
import org.clusterdeck.ui.common.MainWindow;
import org.clusterdeck.ui.harden.HardenWizard;
import org.clusterdeck.ui.remote.DemoHostPrompt;

/**
 * Security scans in the main window: the Security tab beside the diagram, Tools ▸ "Scan…", "Scan
 * host…" on a host, each host's worst open finding as a diagram badge, and a host's open findings
 * in its details pane. The view is built when first shown.
 */
public final class SecurityActions implements FeatureActions {
    static final String TAB_ID = "security-tab";

    private final UiContext ctx;
    private MainWindow window;
    private SecurityBadges badges;
    private Tab tab;
    private SecurityView view;

    public SecurityActions(UiContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public List<Tab> centreTabs(MainWindow window) {
        this.window = window;
        tab = new Tab("Security");
        tab.setId(TAB_ID);
        tab.setOnSelectionChanged(e -> {
            if (tab.isSelected()) {
                view();
            }
        });
        return List.of(tab);
    }

    @Override
    public List<MenuItem> toolsItems(MainWindow window) {
        MenuItem item = new MenuItem("Scan…");
        item.setId("menu-scan");
        item.setOnAction(e -> show(window.selectedHost()));
        return List.of(item);
    }

    @Override
    public List<MenuItem> contextItems(Object node, MainWindow window) {
        if (!(node instanceof Host host)) {
            return List.of();
        }
        MenuItem item = new MenuItem("Scan host…");
        item.setId("menu-scan-host");
        item.setOnAction(e -> show(host));
        return List.of(item);
    }

    @Override
    public List<Node> hostDetails(Host host, MainWindow window) {
        return List.of(new SecurityDetailsPane(ctx, host, () -> show(host)));
    }

    @Override
    public void attach(MainWindow window) {
        badges = new SecurityBadges(ctx, window::setHostBadges);
        badges.start();
    }

    /** The Security tab in front, aimed at {@code host} when given. */
    private void show(Host host) {
        window.showCentreTab(TAB_ID);
        SecurityView v = view();
        if (host != null) {
            v.prefill(host.name());
        }
    }

    private SecurityView view() {
        if (view == null) {
            SecurityViewModel vm = new SecurityViewModel(ctx);
            vm.setOnChanged(() -> {
                if (badges != null) {
                    badges.refresh();
                }
            });
            view = new SecurityView(vm, window::window, this::fix);
            tab.setContent(view.node());
            vm.reload();
        }
        return view;
    }

    /** Opens the hardening wizard on the finding's host with its step and options; rescans after it applied. */
    private void fix(SecurityViewModel.FixRequest request) {
        var snap = window.snapshot();
        Host host = snap == null ? null : snap.hosts().stream().filter(h -> h.name().equals(request.host())
                || h.address().equals(request.host())).findFirst().orElse(null);
        if (host == null) {
            view.viewModel().statusProperty().set(Shown.line(request.host()) + " is not an inventory host: the hardening wizard "
                    + "works on inventory hosts over SSH. Add it (File ▸ Add host…) or fix it by hand as the Fix text says, then Rescan.");
            return;
        }
        DemoHostPrompt.onRealHost(window.window(), ctx, host, "Hardening", h -> HardenWizard.show(window.window(), ctx, h, m -> {
            m.prefill(request.fix().step(), request.fix().options());
            m.setOnApplied(changes -> view.viewModel().afterFix(request, changes));
        }));
    }
}
