package org.clusterdeck.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import org.clusterdeck.inventory.InventoryEvents;
import org.clusterdeck.job.JobRunner;
import org.clusterdeck.model.Host;
import org.clusterdeck.store.DemoInventory;
import org.clusterdeck.store.Store;
import org.clusterdeck.ui.UiContext;
import org.clusterdeck.ui.common.FeatureActions;
import org.clusterdeck.ui.common.MainWindow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A feature added to the list given to the main window shows in the Tools menu and in a host's context menu. */
@ExtendWith(ApplicationExtension.class)
class MainViewFeaturesTest {
    private Store store;
    private JobRunner jobs;
    private final List<String> ran = new ArrayList<>();

    /** A feature made up for the test: one tool, one action on hosts that records which host it got. */
    private final class Probe implements FeatureActions {
        @Override
        public List<MenuItem> toolsItems(MainWindow window) {
            MenuItem m = new MenuItem("Probe tool…");
            m.setOnAction(e -> ran.add("tool with " + (window.selectedHost() == null ? "no host" : window.selectedHost().name())));
            return List.of(m);
        }

        @Override
        public List<MenuItem> contextItems(Object node, MainWindow window) {
            if (!(node instanceof Host h)) {
                return List.of();
            }
            MenuItem m = new MenuItem("Probe " + h.name());
            m.setOnAction(e -> ran.add("context " + h.name()));
            return List.of(m);
        }
    }

    @Start
    void start(Stage stage) {
        org.clusterdeck.ui.common.Theme.LIGHT.apply();
        store = Store.inMemory("main-features-" + System.nanoTime());
        DemoInventory.seedIfEmpty(store);
        jobs = new JobRunner(store.jobs(), 2);
        MainView view = new MainView(new UiContext(store, jobs, new InventoryEvents(), Platform::runLater), List.of(new Probe()));
        stage.setScene(new Scene(view, 1100, 700));
        stage.sizeToScene(); // TestFX shares one stage between test classes: drop an earlier class's size
        stage.show();
    }

    @AfterEach
    void close() {
        jobs.close();
        store.close();
    }

    @Test
    void aFeaturesToolAndHostActionAppearWithoutEditingTheMainWindow(FxRobot robot) throws Exception {
        java.util.function.Predicate<javafx.scene.Node> pve2Cell = n -> n instanceof javafx.scene.control.TreeCell<?> c
                && "pve2".equals(c.getText());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(pve2Cell).tryQuery().isPresent());
        javafx.scene.Node cell = robot.lookup(pve2Cell).query();
        robot.clickOn(cell);
        robot.clickOn("#menu-tools");
        robot.clickOn("Probe tool…");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(ran).containsExactly("tool with pve2");

        // Monocle's robot sends no context-menu request on right-click: send the request it would
        javafx.geometry.Bounds b = cell.localToScreen(cell.getBoundsInLocal());
        robot.interact(() -> javafx.event.Event.fireEvent(cell, new javafx.scene.input.ContextMenuEvent(
                javafx.scene.input.ContextMenuEvent.CONTEXT_MENU_REQUESTED, 5, 5, b.getMinX() + 5, b.getMinY() + 5,
                false, null)));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("Probe pve2");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(ran).containsExactly("tool with pve2", "context pve2");
    }
}
