package org.clusterdeck.ui.main;

import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.clusterdeck.model.Host;
import org.clusterdeck.store.JobRepository;
import org.clusterdeck.ui.UiContext;
import org.clusterdeck.ui.common.Icons;
import org.clusterdeck.ui.common.Theme;
import org.clusterdeck.ui.jobs.FxJobs;
import org.clusterdeck.ui.jobs.JobsPanel;

/**
 * The main window's content: menus and tool bar; inventory tree, centre area (the topology
 * diagram) and details pane; the jobs panel; the status bar.
 */
public final class MainView extends BorderPane {
    private final MainViewModel vm;
    private final InventoryTree tree = new InventoryTree();
    private final CentreArea centre;
    private final FxJobs jobs;
    private final CheckMenuItem darkTheme = new CheckMenuItem("Dark theme");
    private final SplitPane vertical;
    private Runnable onQuit = () -> { };
    private org.clusterdeck.virt.VirtService virt;
    private final Menu tools = new Menu("_Tools");
    private org.clusterdeck.ui.remote.RemoteActions remote;
    private final DetailsView details;
    private java.util.function.Consumer<Theme> onThemeChange = t -> { };
    private final org.clusterdeck.ui.common.Dialogs dialogs = new org.clusterdeck.ui.common.FxDialogs(this::window);

    public MainView(UiContext ctx) {
        setId("main-view");
        getStylesheets().add(Theme.APP_CSS);
        vm = new MainViewModel(ctx);
        jobs = new FxJobs(ctx.jobs(), ctx.fx());
        JobRepository jobRepo = ctx.store().jobs();
        ctx.jobs().background("Load job history", () -> jobRepo.findRecent(100)).thenAccept(jobs::addHistory);
        JobsPanel jobsPanel = new JobsPanel(jobs, item -> ctx.jobs().background("Load job log",
                () -> FxJobs.formatLog(jobRepo, item.id())), ctx.fx());

        details = new DetailsView(vm);
        centre = new CentreArea(vm, ctx, this::contextMenu);

        SplitPane horizontal = new SplitPane(tree, centre, details);
        horizontal.setDividerPositions(0.17, 0.79);
        SplitPane.setResizableWithParent(tree, false);
        SplitPane.setResizableWithParent(details, false);
        vertical = new SplitPane(horizontal, jobsPanel);
        vertical.setOrientation(Orientation.VERTICAL);
        vertical.setDividerPositions(0.78);

        setTop(new VBox(menuBar(), toolBar()));
        setCenter(vertical);
        setBottom(statusBar());

        tree.getSelectionModel().selectedItemProperty().addListener((o, old, item) ->
                vm.selectionProperty().set(item == null ? null : item.getValue()));
        vm.selectionProperty().addListener((o, old, sel) -> {
            if (sel != null && (tree.getSelectionModel().getSelectedItem() == null
                    || !sel.equals(tree.getSelectionModel().getSelectedItem().getValue()))) {
                tree.select(sel);
            }
        });
        vm.snapshotProperty().addListener((o, old, snap) -> tree.show(snap));
        tree.setContextMenus(this::contextMenu);
        vm.refresh();
    }

    private MenuBar menuBar() {
        MenuItem addHost = item("Add host…", new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN), this::addHost);
        addHost.setId("menu-add-host");
        MenuItem quit = item("Quit", new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN), () -> onQuit.run());
        MenuItem export = item("Export diagram…", new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN), () -> centre.topology().showExportDialog(window()));
        MenuItem newVm = item("New VM…", new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN), () -> newVm(null));
        newVm.setId("menu-new-vm");
        Menu file = new Menu("_File", null, addHost, newVm, export, new SeparatorMenuItem(), quit);

        MenuItem edit = item("Edit host…", new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN), this::editSelectedHost);
        MenuItem remove = item("Remove host…", new KeyCodeCombination(KeyCode.DELETE), this::removeSelectedHost);
        Menu editMenu = new Menu("_Edit", null, edit, remove);

        MenuItem refresh = item("Refresh", new KeyCodeCombination(KeyCode.F5), vm::refresh);
        darkTheme.setAccelerator(new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
        darkTheme.setId("menu-dark-theme");
        darkTheme.setOnAction(e -> {
            Theme t = darkTheme.isSelected() ? Theme.DARK : Theme.LIGHT;
            t.apply();
            centre.topology().refreshTheme();
            onThemeChange.accept(t);
        });
        MenuItem jobsPanel = item("Show jobs panel", new KeyCodeCombination(KeyCode.J, KeyCombination.SHORTCUT_DOWN),
                () -> vertical.setDividerPositions(0.6));
        MenuItem fit = item("Fit diagram to window", new KeyCodeCombination(KeyCode.DIGIT0, KeyCombination.SHORTCUT_DOWN),
                () -> centre.topology().fitToWindow());
        MenuItem relayout = item("Re-layout diagram", new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN),
                () -> centre.topology().relayout());
        Menu view = new Menu("_View", null, refresh, jobsPanel, new SeparatorMenuItem(), fit, relayout,
                new SeparatorMenuItem(), darkTheme);

        MenuItem about = item("About ClusterDeck", null, this::about);
        Menu help = new Menu("_Help", null, about);
        tools.setId("menu-tools");
        tools.setVisible(false);
        MenuBar bar = new MenuBar(file, editMenu, view, tools, help);
        bar.setId("menu-bar");
        return bar;
    }

    private ToolBar toolBar() {
        Button add = new Button("Add host", Icons.view(Icons.HOST, 16));
        add.setId("add-host");
        add.setTooltip(new Tooltip("Add a host (Ctrl+N)"));
        add.setOnAction(e -> addHost());
        Button refresh = new Button("Refresh");
        refresh.setTooltip(new Tooltip("Reload the inventory (F5)"));
        refresh.setOnAction(e -> vm.refresh());
        return new ToolBar(add, refresh);
    }

    private HBox statusBar() {
        Label status = new Label();
        status.setId("status");
        status.textProperty().bind(vm.statusProperty());
        Label where = new Label(vm.context().store().location());
        where.setTooltip(new Tooltip("ClusterDeck's database"));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, status, spacer, where);
        bar.getStyleClass().add("status-bar");
        bar.setPadding(new Insets(3, 10, 3, 10));
        return bar;
    }

    private static MenuItem item(String text, KeyCombination accel, Runnable action) {
        MenuItem m = new MenuItem(text);
        if (accel != null) {
            m.setAccelerator(accel);
        }
        m.setOnAction(e -> action.run());
        return m;
    }

    /** SSH check and local lab actions (the app gives them the data directory). */
    public void setRemoteActions(org.clusterdeck.ui.remote.RemoteActions actions) {
        this.remote = actions;
        centre.useRemoteAccess(actions.access());
        centre.useRemoteActions(actions);
        tools.getItems().setAll(actions.localLabItem(), item("Kernel tuning…",
                new KeyCodeCombination(KeyCode.K, KeyCombination.SHORTCUT_DOWN), () -> tuneKernel(selectedHost())));
        tools.setVisible(true);
    }

    /** The actions of an inventory item, built when the menu is asked for (tree or diagram). */
    ContextMenu contextMenu(InventoryItem item) {
        java.util.List<MenuItem> items = new java.util.ArrayList<>();
        if (item.model() instanceof Host h) {
            items.add(item("Edit host…", null, () -> editHost(h)));
            items.add(item("Remove host…", null, () -> confirmRemove(h)));
            if (remote != null) {
                items.add(new SeparatorMenuItem());
                items.add(remote.checkSshItem(h));
                items.add(item("Tune kernel…", null, () -> tuneKernel(h)));
            }
            if (virt != null) {
                items.add(new SeparatorMenuItem());
                items.add(item("New VM…", null, () -> newVm(h.name())));
                items.add(item("Sync with libvirt", null, () -> virt.sync(h)));
            }
        } else if (item.model() instanceof org.clusterdeck.model.Site site) {
            var snap = vm.snapshotProperty().get();
            boolean empty = snap != null && snap.hostsOf(site).isEmpty() && snap.loadBalancersOf(site).isEmpty()
                    && snap.databasesOf(site).isEmpty();
            MenuItem remove = item(empty ? "Remove site…" : "Remove site… (remove its hosts first)", null,
                    () -> confirmRemove(site));
            remove.setId("menu-remove-site");
            remove.setDisable(!empty);
            items.add(remove);
        } else if (item.kind() == InventoryItem.Kind.LOAD_BALANCER || item.kind() == InventoryItem.Kind.VM) {
            items.add(item("Benchmark…", null, () -> centre.benchmark(item)));
            if (virt != null && item.model() instanceof org.clusterdeck.model.Vm v) {
                items.add(new SeparatorMenuItem());
                items.addAll(new org.clusterdeck.ui.vm.VmActions(vm.context(), virt, dialogs).menuItems(v, sameSite(v)));
            }
        }
        return items.isEmpty() ? null : new ContextMenu(items.toArray(MenuItem[]::new));
    }

    /** Opens the kernel tuning wizard, on {@code host} when given (may be null). */
    private void tuneKernel(Host host) {
        if (remote == null) {
            return;
        }
        if (host == null) {
            org.clusterdeck.ui.tuning.TuningWizard.show(window(), vm.context(), remote.access()::open, null);
        } else {
            remote.onRealHost(host, "Kernel tuning", h -> org.clusterdeck.ui.tuning.TuningWizard.show(window(),
                    vm.context(), remote.access()::open, h));
        }
    }

    /** Gives the window its virtualization service: VM actions in context menus and File ▸ New VM. */
    public void setVirt(org.clusterdeck.virt.VirtService virt) {
        this.virt = virt;
        details.setVirt(virt);
    }

    private java.util.List<Host> sameSite(org.clusterdeck.model.Vm v) {
        var snap = vm.snapshotProperty().get();
        if (snap == null) {
            return java.util.List.of();
        }
        long site = snap.host(v.hostId()).map(Host::siteId).orElse(-1L);
        return snap.hosts().stream().filter(h -> h.siteId() == site).toList();
    }

    private void newVm(String host) {
        if (virt == null) {
            return;
        }
        String preferred = host;
        InventoryItem sel = vm.selectionProperty().get();
        if (preferred == null && sel != null && sel.model() instanceof Host h) {
            preferred = h.name();
        } else if (preferred == null && sel != null && sel.model() instanceof org.clusterdeck.model.Vm v
                && vm.snapshotProperty().get() != null) { // a new VM beside the selected one
            preferred = vm.snapshotProperty().get().host(v.hostId()).map(Host::name).orElse(null);
        }
        try {
            org.clusterdeck.ui.vmwizard.VmWizard.show(window(), vm.context(), virt, preferred);
        } catch (org.clusterdeck.virt.VirtException e) {
            dialogs.error("Virtual machines are unavailable", e.getMessage());
        }
    }

    private Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }

    public void addHost() {
        HostDialog.open(window(), vm.context(), null, null, this::selectHost);
    }

    private void editSelectedHost() {
        InventoryItem sel = vm.selectionProperty().get();
        if (sel != null && sel.model() instanceof Host h) {
            editHost(h);
        }
    }

    private void editHost(Host h) {
        HostDialog.open(window(), vm.context(), h, vm.siteName(h.siteId()), this::selectHost);
    }

    private void selectHost(Host h) {
        vm.selectionProperty().set(new InventoryItem(InventoryItem.Kind.HOST, h.id(), h.name(), h));
    }

    private Host selectedHost() {
        InventoryItem sel = vm.selectionProperty().get();
        return sel != null && sel.model() instanceof Host h ? h : null;
    }

    private void removeSelectedHost() {
        InventoryItem sel = vm.selectionProperty().get();
        if (sel != null && sel.model() instanceof Host h) {
            confirmRemove(h);
        }
    }

    private void confirmRemove(Host h) {
        if (dialogs.confirm(new org.clusterdeck.ui.common.Dialogs.Confirmation("Remove host " + h.name(),
                "Removes " + h.name() + " and its VMs from ClusterDeck's inventory. Nothing on the host itself "
                        + "changes; add it again to manage it.", "Remove"))) {
            vm.removeHost(h);
        }
    }

    private void confirmRemove(org.clusterdeck.model.Site site) {
        if (dialogs.confirm(new org.clusterdeck.ui.common.Dialogs.Confirmation("Remove site " + site.name(),
                "Removes the empty site " + site.name() + " from the inventory.", "Remove"))) {
            vm.removeSite(site);
        }
    }

    private void about() {
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        a.initOwner(window());
        a.setTitle("About ClusterDeck");
        a.setHeaderText("ClusterDeck " + org.clusterdeck.Version.get());
        a.setContentText("See the whole cluster, change it safely, and prove that the change helped.\n\nData: "
                + vm.context().store().location());
        a.show();
    }

    public void setPresentation(boolean on) {
    }

    public void setOnQuit(Runnable r) {
        onQuit = r;
    }

    public void setOnThemeChange(java.util.function.Consumer<Theme> c) {
        onThemeChange = c;
    }

    public void showTheme(Theme t) {
        darkTheme.setSelected(t == Theme.DARK);
    }

    public MainViewModel viewModel() {
        return vm;
    }

    public InventoryTree tree() {
        return tree;
    }

    public FxJobs jobs() {
        return jobs;
    }
}
