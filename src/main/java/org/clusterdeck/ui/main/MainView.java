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
import java.util.ArrayList;
import java.util.List;
import org.clusterdeck.inventory.InventorySnapshot;
import org.clusterdeck.model.Host;
import org.clusterdeck.ui.UiContext;
import org.clusterdeck.ui.common.FeatureActions;
import org.clusterdeck.ui.common.Forms;
import org.clusterdeck.ui.common.Icons;
import org.clusterdeck.ui.common.MainWindow;
import org.clusterdeck.ui.common.Theme;
import org.clusterdeck.ui.jobs.FxJobs;
import org.clusterdeck.ui.jobs.JobsPanel;

/**
 * The main window's content: menus and tool bar; inventory tree, centre area (the topology
 * diagram) and details pane; the jobs panel; the status bar.
 */
public final class MainView extends BorderPane implements MainWindow {
    private final MainViewModel vm;
    private final InventoryTree tree = new InventoryTree();
    private final CentreArea centre;
    private final FxJobs jobs;
    private final CheckMenuItem darkTheme = new CheckMenuItem("Dark theme");
    private final SplitPane vertical;
    private final SplitPane horizontal;
    private final JobsPanel jobsPanel;
    private final LayoutSettings layoutSettings;
    private final CheckMenuItem presentation = new CheckMenuItem("Presentation");
    private final CheckMenuItem showJobs = new CheckMenuItem("Jobs panel");
    private final CheckMenuItem fullScreen = new CheckMenuItem("Full screen");
    private Label where;
    private ToolBar toolBar;
    private HBox statusBar;
    private Runnable onQuit = () -> { };
    private org.clusterdeck.virt.VirtService virt;
    private final Menu tools = new Menu("_Tools");
    private final List<FeatureActions> features;
    private final DetailsView details;
    private java.util.function.Consumer<Theme> onThemeChange = t -> { };
    private final org.clusterdeck.ui.common.Dialogs dialogs = new org.clusterdeck.ui.common.FxDialogs(this::window);

    /** A window with the inventory, diagram, details and jobs only (tests). */
    public MainView(UiContext ctx) {
        this(ctx, List.of());
    }

    /** @param features what each feature adds to the Tools menu and to context menus, in this order */
    public MainView(UiContext ctx, List<FeatureActions> features) {
        this.features = List.copyOf(features);
        setId("main-view");
        getStylesheets().add(Theme.APP_CSS);
        vm = new MainViewModel(ctx);
        jobs = new FxJobs(ctx.jobs(), ctx.fx());
        vm.jobHistory().thenAccept(jobs::addHistory);
        jobsPanel = new JobsPanel(jobs, item -> vm.jobLog(item.id()), ctx.fx());

        details = new DetailsView(vm);
        details.setHostSections(h -> this.features.stream().flatMap(f -> f.hostDetails(h, this).stream()).toList());
        centre = new CentreArea(vm, ctx, this::contextMenu,
                this.features.stream().flatMap(f -> f.centreTabs(this).stream()).toList());

        horizontal = new SplitPane(tree, centre, details);
        horizontal.setDividerPositions(0.17, 0.77);
        SplitPane.setResizableWithParent(tree, false);
        SplitPane.setResizableWithParent(details, false);
        vertical = new SplitPane(horizontal, jobsPanel);
        vertical.setOrientation(Orientation.VERTICAL);
        vertical.setDividerPositions(0.8);
        layoutSettings = new LayoutSettings(ctx, horizontal, vertical);
        layoutSettings.load(shown -> setJobsPanelShown(shown));

        toolBar = toolBar();
        setTop(new VBox(menuBar(), toolBar));
        setCenter(vertical);
        statusBar = statusBar();
        setBottom(statusBar);

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
        this.features.forEach(f -> f.attach(this));
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

        MenuItem refresh = item("Refresh", new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN), vm::refresh);
        presentation.setId("menu-presentation");
        presentation.setAccelerator(new KeyCodeCombination(KeyCode.F5));
        presentation.setOnAction(e -> setPresentation(presentation.isSelected()));
        fullScreen.setId("menu-full-screen");
        fullScreen.setAccelerator(new KeyCodeCombination(KeyCode.F11));
        fullScreen.setOnAction(e -> {
            if (getScene() != null && getScene().getWindow() instanceof javafx.stage.Stage st) {
                st.setFullScreenExitHint("");
                st.setFullScreen(fullScreen.isSelected());
            }
        });
        sceneProperty().addListener((o, a, scene) -> { // Esc leaves full screen without the menu: keep the tick true
            if (scene != null && scene.getWindow() instanceof javafx.stage.Stage st) {
                st.fullScreenProperty().addListener((p, was, now) -> fullScreen.setSelected(now));
            }
        });
        darkTheme.setAccelerator(new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
        darkTheme.setId("menu-dark-theme");
        darkTheme.setOnAction(e -> {
            Theme t = darkTheme.isSelected() ? Theme.DARK : Theme.LIGHT;
            t.apply();
            centre.topology().refreshTheme();
            onThemeChange.accept(t);
        });
        showJobs.setId("menu-jobs-panel");
        showJobs.setSelected(true);
        showJobs.setAccelerator(new KeyCodeCombination(KeyCode.J, KeyCombination.SHORTCUT_DOWN));
        showJobs.setOnAction(e -> setJobsPanelShown(showJobs.isSelected()));
        MenuItem fit = item("Fit diagram to window", new KeyCodeCombination(KeyCode.DIGIT0, KeyCombination.SHORTCUT_DOWN),
                () -> centre.topology().fitToWindow());
        MenuItem relayout = item("Re-layout diagram", new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN),
                () -> centre.topology().relayout());
        Menu view = new Menu("_View", null, refresh, showJobs, new SeparatorMenuItem(), fit, relayout,
                new SeparatorMenuItem(), darkTheme, presentation, fullScreen);

        MenuItem about = item("About ClusterDeck", null, this::about);
        Menu help = new Menu("_Help", null, about);
        tools.setId("menu-tools");
        for (FeatureActions f : features) {
            tools.getItems().addAll(f.toolsItems(this));
        }
        tools.setVisible(!tools.getItems().isEmpty());
        MenuBar bar = new MenuBar(file, editMenu, view, tools, help);
        bar.setId("menu-bar");
        return bar;
    }

    private ToolBar toolBar() {
        Button add = new Button("Add host", Icons.view(Icons.HOST, 16));
        add.setId("add-host");
        add.setTooltip(new Tooltip("Add a host (Ctrl+N)"));
        add.setOnAction(e -> addHost());
        Forms.keepText(add);
        Button refresh = Forms.keepText(new Button("Refresh"));
        refresh.setTooltip(new Tooltip("Reload the inventory (Ctrl+R)"));
        refresh.setOnAction(e -> vm.refresh());
        return new ToolBar(add, refresh);
    }

    private HBox statusBar() {
        Label status = new Label();
        status.setId("status");
        status.textProperty().bind(vm.statusProperty());
        status.setMinWidth(Region.USE_PREF_SIZE); // the counts stay whole; the database path gives way
        where = new Label(vm.databaseLocation());
        where.setTooltip(new Tooltip("ClusterDeck's database: " + vm.databaseLocation()));
        where.setMinWidth(0);
        where.setTextOverrun(javafx.scene.control.OverrunStyle.LEADING_ELLIPSIS);
        where.getStyleClass().add("secret");
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

    /** The actions of an inventory item, built when the menu is asked for (tree or diagram). */
    ContextMenu contextMenu(InventoryItem item) {
        List<MenuItem> items = new ArrayList<>();
        if (item.model() instanceof Host h) {
            items.add(item("Edit host…", null, () -> editHost(h)));
            items.add(item("Remove host…", null, () -> confirmRemove(h)));
        } else if (item.model() instanceof org.clusterdeck.model.Site site) {
            var snap = vm.snapshotProperty().get();
            boolean empty = snap != null && snap.hostsOf(site).isEmpty() && snap.loadBalancersOf(site).isEmpty()
                    && snap.databasesOf(site).isEmpty();
            MenuItem remove = item(empty ? "Remove site…" : "Remove site… (remove its hosts first)", null,
                    () -> confirmRemove(site));
            remove.setId("menu-remove-site");
            remove.setDisable(!empty);
            items.add(remove);
        }
        for (FeatureActions f : features) {
            List<MenuItem> more = f.contextItems(item.model(), this);
            if (!more.isEmpty()) {
                if (!items.isEmpty()) {
                    items.add(new SeparatorMenuItem());
                }
                items.addAll(more);
            }
        }
        return items.isEmpty() ? null : new ContextMenu(items.toArray(MenuItem[]::new));
    }

    @Override
    public org.clusterdeck.ui.common.Dialogs dialogs() {
        return dialogs;
    }

    @Override
    public void openBenchmark(Object node) {
        if (node instanceof org.clusterdeck.model.LoadBalancer lb) {
            centre.benchmark(new InventoryItem(InventoryItem.Kind.LOAD_BALANCER, lb.id(), lb.name(), lb));
        } else if (node instanceof org.clusterdeck.model.Vm v) {
            centre.benchmark(new InventoryItem(InventoryItem.Kind.VM, v.id(), v.name(), v));
        } else if (node instanceof Host h) {
            centre.benchmark(new InventoryItem(InventoryItem.Kind.HOST, h.id(), h.name(), h));
        }
    }

    @Override
    public void showCentreTab(String tabId) {
        centre.showTab(tabId);
    }

    @Override
    public void setHostBadges(String source, long hostId, List<org.clusterdeck.topology.Badge> badges) {
        centre.topology().setBadges(source, org.clusterdeck.topology.DiagramNodeRef.host(hostId), badges);
    }

    @Override
    public InventorySnapshot snapshot() {
        return vm.snapshotProperty().get();
    }

    /** Gives the window its virtualization service: the VM pane of a host's details and File ▸ New VM. */
    public void setVirt(org.clusterdeck.virt.VirtService virt) {
        this.virt = virt;
        details.setVirt(virt);
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

    @Override
    public Window window() {
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

    @Override
    public Host selectedHost() {
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
                + vm.databaseLocation());
        a.show();
    }

    /**
     * Presentation mode (View ▸ Presentation, F5): one larger root font size for every control,
     * the diagram in its high-contrast scaled theme filling the width, the jobs panel as one
     * progress line, paths and keys hidden.
     */
    public void setPresentation(boolean on) {
        presentation.setSelected(on);
        if (on == presenting) {
            return;
        }
        presenting = on;
        getStyleClass().remove("presentation");
        if (on) {
            getStyleClass().add("presentation");
        }
        setStyle(on ? "-fx-font-size: " + PRESENTATION_FONT_PX + "px;" : "");
        jobsPanel.setCompact(on);
        for (javafx.scene.Node n : new javafx.scene.Node[] {toolBar, statusBar}) { // the diagram gets the height
            n.setVisible(!on);
            n.setManaged(!on);
        }
        if (on) {
            normalDividers = new double[][] {horizontal.getDividerPositions(), vertical.getDividerPositions()};
            horizontal.getItems().setAll(centre);
            if (vertical.getItems().contains(jobsPanel)) {
                vertical.setDividerPositions(1);
            }
        } else {
            horizontal.getItems().setAll(tree, centre, details); // new dividers: put them back where they were
            horizontal.setDividerPositions(normalDividers[0]);
            if (vertical.getDividers().size() == normalDividers[1].length) {
                vertical.setDividerPositions(normalDividers[1]);
            }
        }
        centre.topology().setPresentation(on);
    }

    /** Root font size in presentation mode: readable at a few metres on a 1280×720 projector. */
    static final int PRESENTATION_FONT_PX = 20;
    private boolean presenting;
    private double[][] normalDividers;

    public boolean isPresentation() {
        return presentation.isSelected();
    }

    /** Shows or hides the jobs panel (View ▸ Jobs panel, Ctrl+J); remembered across starts. */
    public void setJobsPanelShown(boolean shown) {
        showJobs.setSelected(shown);
        if (shown && !vertical.getItems().contains(jobsPanel)) {
            vertical.getItems().add(jobsPanel);
            layoutSettings.restore();
        } else if (!shown) {
            vertical.getItems().remove(jobsPanel);
        }
        layoutSettings.jobsShown(shown);
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
