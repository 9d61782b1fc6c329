package org.clusterdeck.ui.common;

import java.util.List;
import javafx.stage.Window;
import org.clusterdeck.inventory.InventorySnapshot;
import org.clusterdeck.model.Host;

/** What the main window offers the features' actions. */
public interface MainWindow {
    /** The window, to own dialogs (null before it is shown). */
    Window window();

    /** The host selected in the inventory, or null. */
    Host selectedHost();

    /** The inventory as last loaded, or null before the first load. */
    InventorySnapshot snapshot();

    /** The hosts of a site (targets of a VM move, for example). */
    default List<Host> hostsOfSite(long siteId) {
        InventorySnapshot s = snapshot();
        return s == null ? List.of() : s.hosts().stream().filter(h -> h.siteId() == siteId).toList();
    }

    /** Confirmations and errors, owned by the window (a recording implementation in tests). */
    Dialogs dialogs();

    /** Shows the benchmark page aimed at a load balancer, VM or host. */
    void openBenchmark(Object node);

    /** Brings the centre tab with this id (a feature's {@code centreTabs}) to the front. FX thread. */
    default void showCentreTab(String tabId) {
    }

    /**
     * Shows {@code source}'s badges on a host in the diagram (an empty list removes them), beside
     * other features' badges, kept across reloads. FX thread.
     */
    default void setHostBadges(String source, long hostId, List<org.clusterdeck.topology.Badge> badges) {
    }
}
