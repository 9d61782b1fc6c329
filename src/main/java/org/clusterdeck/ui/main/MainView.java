package org.clusterdeck.ui.main;

import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
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
    private Runnable onQuit = () -> { };
    private org.clusterdeck.virt.VirtService virt;
    private final Menu tools = new Menu("_Tools");
    private final List<FeatureActions> features;
    private final DetailsView details;
    private java.util.function.Consumer<Theme> onThemeChange = t -> { };

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
        JobsPanel jobsPanel = new JobsPanel(jobs, item -> vm.jobLog(item.id()), ctx.fx());

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
        Button refresh = new Button("Refresh");
        refresh.setTooltip(new Tooltip("Reload the inventory (F5)"));
        refresh.setOnAction(e -> vm.refresh());
        return new ToolBar(add, refresh);
    }

    private HBox statusBar() {
        Label status = new Label();
        status.setId("status");
        status.textProperty().bind(vm.statusProperty());
        Label where = new Label(vm.databaseLocation());
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

    /** The actions of an inventory item, built when the menu is asked for (tree or diagram). */
    private ContextMenu contextMenu(InventoryItem item) {
        List<MenuItem> items = new ArrayList<>();
        if (item.model() instanceof Host h) {
            items.add(item("Edit host…", null, () -> editHost(h)));
            items.add(item("Remove host…", null, () -> confirmRemove(h)));
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
        }
        try {
            org.clusterdeck.ui.vmwizard.VmWizard.show(window(), vm.context(), virt, preferred);
        } catch (org.clusterdeck.virt.VirtException e) {
            Alert a = new Alert(Alert.AlertType.ERROR, e.getMessage(), ButtonType.OK);
            a.initOwner(window());
            a.setHeaderText("Virtual machines are unavailable");
            a.show();
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
        Alert a = new Alert(Alert.AlertType.CONFIRMATION,
                "Remove " + h.name() + " and its VMs from the inventory? Nothing on the host itself changes.",
                ButtonType.OK, ButtonType.CANCEL);
        a.initOwner(window());
        a.setHeaderText("Remove host " + h.name());
        a.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> vm.removeHost(h));
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
