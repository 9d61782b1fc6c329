package org.clusterdeck.ui.main;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import org.clusterdeck.inventory.InventorySnapshot;
import org.clusterdeck.model.DatabaseNode;
import org.clusterdeck.model.Host;
import org.clusterdeck.model.LoadBalancer;
import org.clusterdeck.model.Site;
import org.clusterdeck.model.Vm;
import org.clusterdeck.ui.common.Icons;

/**
 * Site → hosts → VMs, then the site's load balancers and databases. Rebuilt from each snapshot,
 * keeping what was expanded and selected.
 */
public final class InventoryTree extends TreeView<InventoryItem> {
    private Function<InventoryItem, ContextMenu> contextMenus = i -> null;

    public InventoryTree() {
        setId("inventory-tree");
        setShowRoot(false);
        setRoot(new TreeItem<>(new InventoryItem(InventoryItem.Kind.GROUP, 0, "root", null)));
        setCellFactory(t -> new Cell());
    }

    public void setContextMenus(Function<InventoryItem, ContextMenu> provider) {
        this.contextMenus = provider;
    }

    public void show(InventorySnapshot snap) {
        Set<InventoryItem> expanded = new HashSet<>();
        collectExpanded(getRoot(), expanded);
        boolean first = getRoot().getChildren().isEmpty();
        InventoryItem selected = getSelectionModel().getSelectedItem() == null ? null
                : getSelectionModel().getSelectedItem().getValue();

        getRoot().getChildren().clear();
        for (Site site : snap.sites()) {
            TreeItem<InventoryItem> siteItem = item(InventoryItem.Kind.SITE, site.id(),
                    site.name() + (site.isDemo() ? "  (demo)" : ""), site);
            for (Host h : snap.hostsOf(site)) {
                TreeItem<InventoryItem> hostItem = item(InventoryItem.Kind.HOST, h.id(), h.name(), h);
                for (Vm vm : snap.vmsOf(h)) {
                    hostItem.getChildren().add(item(InventoryItem.Kind.VM, vm.id(), vm.name(), vm));
                }
                siteItem.getChildren().add(hostItem);
            }
            for (LoadBalancer lb : snap.loadBalancersOf(site)) {
                siteItem.getChildren().add(item(InventoryItem.Kind.LOAD_BALANCER, lb.id(), lb.name(), lb));
            }
            for (DatabaseNode db : snap.databasesOf(site)) {
                siteItem.getChildren().add(item(InventoryItem.Kind.DATABASE, db.id(), db.name(), db));
            }
            getRoot().getChildren().add(siteItem);
        }
        restore(getRoot(), expanded, first);
        if (selected != null) {
            select(selected);
        }
    }

    /** Selects the row of that item, if present; returns whether it was found. */
    public boolean select(InventoryItem wanted) {
        TreeItem<InventoryItem> found = find(getRoot(), wanted);
        if (found == null) {
            return false;
        }
        for (TreeItem<InventoryItem> p = found.getParent(); p != null; p = p.getParent()) {
            p.setExpanded(true);
        }
        getSelectionModel().select(found);
        int row = getRow(found);
        if (row >= 0) {
            scrollTo(Math.max(0, row - 3));
        }
        return true;
    }

    private static TreeItem<InventoryItem> find(TreeItem<InventoryItem> node, InventoryItem wanted) {
        if (wanted.equals(node.getValue())) {
            return node;
        }
        for (TreeItem<InventoryItem> c : node.getChildren()) {
            TreeItem<InventoryItem> f = find(c, wanted);
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    private static TreeItem<InventoryItem> item(InventoryItem.Kind kind, long id, String label, Object model) {
        return new TreeItem<>(new InventoryItem(kind, id, label, model));
    }

    private static void collectExpanded(TreeItem<InventoryItem> node, Set<InventoryItem> out) {
        if (node.isExpanded() && node.getValue() != null) {
            out.add(node.getValue());
        }
        node.getChildren().forEach(c -> collectExpanded(c, out));
    }

    private static void restore(TreeItem<InventoryItem> node, Set<InventoryItem> expanded, boolean first) {
        for (TreeItem<InventoryItem> c : node.getChildren()) {
            InventoryItem.Kind k = c.getValue().kind();
            c.setExpanded(expanded.contains(c.getValue()) || first && (k == InventoryItem.Kind.SITE || k == InventoryItem.Kind.HOST));
            restore(c, expanded, first);
        }
    }

    static javafx.scene.Node icon(InventoryItem.Kind kind) {
        String name = switch (kind) {
            case SITE -> Icons.SITE;
            case HOST -> Icons.HOST;
            case VM -> Icons.VM;
            case LOAD_BALANCER -> Icons.LOAD_BALANCER;
            case DATABASE -> Icons.DATABASE;
            case GROUP -> null;
        };
        return name == null ? null : Icons.view(name, 16);
    }

    private final class Cell extends TreeCell<InventoryItem> {
        @Override
        protected void updateItem(InventoryItem item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().removeAll("state-running", "state-stopped", "state-paused", "state-unknown");
            if (empty || item == null) {
                setText(null);
                setGraphic(null);
                setOnContextMenuRequested(null);
                return;
            }
            // the row shows the name only, so a narrow tree does not cut it; the rest is in the tooltip
            String more = null;
            if (item.model() instanceof Vm vm) {
                more = vm.state().dbValue();
                getStyleClass().add("state-" + vm.state().dbValue());
            } else if (item.model() instanceof LoadBalancer lb) {
                more = lb.algorithm();
            } else if (item.model() instanceof DatabaseNode db) {
                more = db.role();
            }
            setText(item.label());
            setTooltip(new javafx.scene.control.Tooltip(more == null ? item.label() : item.label() + " · " + more));
            setGraphic(icon(item.kind()));
            // built on request: the actions depend on services that may arrive after the cell
            setOnContextMenuRequested(e -> {
                ContextMenu menu = contextMenus.apply(item);
                if (menu != null) {
                    menu.show(this, e.getScreenX(), e.getScreenY());
                }
                e.consume();
            });
        }
    }
}
