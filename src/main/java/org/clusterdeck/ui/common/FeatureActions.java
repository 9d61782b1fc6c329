package org.clusterdeck.ui.common;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.MenuItem;
import org.clusterdeck.model.Host;

/**
 * What a feature adds to the main window: items of the Tools menu, actions in the context menu of
 * an inventory node, sections of a host's details, badges on the diagram (from {@link #attach}). The app registers every feature in one list
 * ({@code ui.app.Features}); adding a feature does not mean editing the main window.
 */
public interface FeatureActions {
    /** Items for the Tools menu, built once with the window. */
    default List<MenuItem> toolsItems(MainWindow window) {
        return List.of();
    }

    /**
     * Items for the context menu of {@code node} (a model record: Site, Host, Vm, LoadBalancer or
     * DatabaseNode), built each time the menu opens; empty when the feature has nothing for it.
     */
    default List<MenuItem> contextItems(Object node, MainWindow window) {
        return List.of();
    }

    /** Sections for the details pane of {@code host}, built each time the host is shown there. */
    default List<Node> hostDetails(Host host, MainWindow window) {
        return List.of();
    }

    /**
     * Pages beside the diagram in the centre of the window (a tab each, its id set), built once with
     * the window; a page's content may be built when its tab is first selected.
     */
    default List<javafx.scene.control.Tab> centreTabs(MainWindow window) {
        return List.of();
    }

    /** Called once the main window is built: a feature that decorates the diagram starts here. */
    default void attach(MainWindow window) {
    }
}
