package org.clusterdeck.ui.main;

import java.util.Optional;
import java.util.function.Function;
import javafx.scene.control.Alert;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import org.clusterdeck.bench.BenchmarkService;
import org.clusterdeck.inventory.InventorySnapshot;
import org.clusterdeck.model.DatabaseNode;
import org.clusterdeck.model.Host;
import org.clusterdeck.model.LoadBalancer;
import org.clusterdeck.model.Site;
import org.clusterdeck.model.Vm;
import org.clusterdeck.net.TargetRefusedException;
import org.clusterdeck.topology.DiagramNodeRef;
import org.clusterdeck.ui.UiContext;
import org.clusterdeck.ui.bench.BenchmarkView;
import org.clusterdeck.ui.topology.TopologyView;

/**
 * The centre of the main window: the topology diagram of the selected site, and the benchmark
 * page. Keeps the diagram's selection and the inventory selection in step, both ways.
 */
final class CentreArea extends TabPane {
    private final MainViewModel vm;
    private final TopologyView topology;
    private final UiContext ctx;
    private BenchmarkView bench;
    private final Tab benchTab;
    private Site shownSite;

    CentreArea(MainViewModel vm, UiContext ctx, Function<InventoryItem, ContextMenu> menus, java.util.List<Tab> featureTabs) {
        this.vm = vm;
        this.ctx = ctx;
        setId("centre-tabs");
        setTabClosingPolicy(TabClosingPolicy.UNAVAILABLE);
        topology = new TopologyView(ctx);
        topology.setId("topology-view");
        Tab diagramTab = new Tab("Topology", topology);
        benchTab = new Tab("Benchmarks");
        benchTab.setId("benchmarks-tab");
        benchTab.setOnSelectionChanged(e -> { // built when first shown: its charts are not needed at start
            if (benchTab.isSelected()) {
                bench();
            }
        });
        getTabs().addAll(diagramTab, benchTab);
        getTabs().addAll(featureTabs);

        vm.snapshotProperty().addListener((o, old, snap) -> {
            if (shownSite == null && !snap.sites().isEmpty()) {
                showSite(snap.sites().get(0));
            }
        });
        vm.selectionProperty().addListener((o, old, sel) -> follow(sel));
        topology.selectedProperty().addListener((o, old, ref) -> {
            if (ref != null) {
                toItem(ref, vm.snapshotProperty().get()).ifPresent(item -> {
                    if (!item.equals(vm.selectionProperty().get())) {
                        vm.selectionProperty().set(item);
                    }
                });
            }
        });
        topology.setContextMenuProvider(ref -> toItem(ref, vm.snapshotProperty().get()).map(menus).orElse(null));
    }

    TopologyView topology() {
        return topology;
    }

    /** The benchmark page, created on first use. */
    BenchmarkView bench() {
        if (bench == null) {
            bench = new BenchmarkView(ctx);
            benchTab.setContent(bench.node());
        }
        return bench;
    }

    /** Selects the tab with this id, when there is one. */
    void showTab(String id) {
        getTabs().stream().filter(t -> id.equals(t.getId())).findFirst().ifPresent(t -> getSelectionModel().select(t));
    }

    private void showSite(Site site) {
        shownSite = site;
        topology.showSite(site);
    }

    /** Shows the site of the selection and selects its node in the diagram. */
    private void follow(InventoryItem sel) {
        InventorySnapshot snap = vm.snapshotProperty().get();
        if (sel == null || snap == null) {
            return;
        }
        siteOf(sel, snap).filter(s -> shownSite == null || s.id() != shownSite.id()).ifPresent(this::showSite);
        toRef(sel).ifPresent(ref -> {
            if (!ref.equals(topology.selectedProperty().get())) {
                topology.selectedProperty().set(ref);
            }
        });
    }

    /**
     * Opens the benchmark page aimed at a load balancer, VM or host. The target policy refuses demo
     * nodes and nodes without an address, with the reason and the way out.
     */
    void benchmark(InventoryItem item) {
        InventorySnapshot snap = vm.snapshotProperty().get();
        Site site = siteOf(item, snap).orElse(null);
        if (site != null && site.isDemo()) { // demo nodes lead to the lab twin of the same role
            String what = item.kind() == InventoryItem.Kind.VM ? "VM" : item.kind() == InventoryItem.Kind.HOST ? "host" : "load balancer";
            String role = item.model() instanceof Vm v ? v.role() : item.model() instanceof Host h ? h.role() : "web";
            org.clusterdeck.ui.remote.DemoHostPrompt.show(getScene() == null ? null : getScene().getWindow(), ctx,
                    what + " " + item.label(), role, "Benchmark", h -> {
                        bench().prefill("http://" + h.address() + "/", "host", h.name());
                        getSelectionModel().select(benchTab);
                    });
            return;
        }
        BenchmarkService benchmarks = ctx.services().benchmarks();
        try {
            if (item.model() instanceof LoadBalancer lb) {
                Vm lbVm = lb.vmId() == null || snap == null ? null : snap.vm(lb.vmId()).orElse(null);
                bench().prefill(benchmarks.urlFor(site, lb, lbVm), "lb", lb.name());
            } else if (item.model() instanceof Vm v) {
                bench().prefill(benchmarks.urlFor(site, v), "vm", v.name());
            } else if (item.model() instanceof Host h) {
                bench().prefill(benchmarks.urlFor(site, h), "host", h.name());
            }
        } catch (TargetRefusedException e) {
            Alert a = new Alert(Alert.AlertType.INFORMATION, e.getMessage());
            a.setHeaderText("Cannot benchmark " + item.label());
            a.initOwner(getScene() == null ? null : getScene().getWindow());
            a.show();
        }
        getSelectionModel().select(benchTab);
    }

    static Optional<Site> siteOf(InventoryItem item, InventorySnapshot snap) {
        if (snap == null) {
            return Optional.empty();
        }
        Object m = item.model();
        if (m instanceof Site s) {
            return Optional.of(s);
        } else if (m instanceof Host h) {
            return snap.site(h.siteId());
        } else if (m instanceof Vm v) {
            return snap.host(v.hostId()).flatMap(h -> snap.site(h.siteId()));
        } else if (m instanceof LoadBalancer lb) {
            return snap.site(lb.siteId());
        } else if (m instanceof DatabaseNode db) {
            return snap.site(db.siteId());
        }
        return Optional.empty();
    }

    static Optional<DiagramNodeRef> toRef(InventoryItem item) {
        return switch (item.kind()) {
            case HOST -> Optional.of(DiagramNodeRef.host(item.id()));
            case VM -> Optional.of(DiagramNodeRef.vm(item.id()));
            case LOAD_BALANCER -> Optional.of(DiagramNodeRef.lb(item.id()));
            case DATABASE -> Optional.of(DiagramNodeRef.db(item.id()));
            default -> Optional.empty();
        };
    }

    static Optional<InventoryItem> toItem(DiagramNodeRef ref, InventorySnapshot snap) {
        if (snap == null) {
            return Optional.empty();
        }
        return switch (ref.kind()) {
            case HOST -> snap.host(ref.id()).map(h -> new InventoryItem(InventoryItem.Kind.HOST, h.id(), h.name(), h));
            case VM -> snap.vm(ref.id()).map(v -> new InventoryItem(InventoryItem.Kind.VM, v.id(), v.name(), v));
            case LOAD_BALANCER -> snap.loadBalancers().stream().filter(l -> l.id() == ref.id()).findFirst()
                    .map(l -> new InventoryItem(InventoryItem.Kind.LOAD_BALANCER, l.id(), l.name(), l));
            case DATABASE -> snap.databases().stream().filter(d -> d.id() == ref.id()).findFirst()
                    .map(d -> new InventoryItem(InventoryItem.Kind.DATABASE, d.id(), d.name(), d));
        };
    }
}
