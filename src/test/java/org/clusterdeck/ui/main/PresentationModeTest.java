package org.clusterdeck.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.clusterdeck.inventory.InventoryEvents;
import org.clusterdeck.job.JobRunner;
import org.clusterdeck.store.DemoInventory;
import org.clusterdeck.store.Store;
import org.clusterdeck.ui.UiContext;
import org.clusterdeck.ui.common.Theme;
import org.clusterdeck.ui.topology.TopologyView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Presentation mode on the demo lab in a 1280×720 window: names readable from the back of the
 * room, everything larger, jobs as one line; and the window layout (jobs panel shown or not, its
 * height) survives a restart.
 */
@ExtendWith(ApplicationExtension.class)
class PresentationModeTest {
    @TempDir
    Path dataDir;
    private Stage stage;
    private Store store;
    private JobRunner jobs;
    private MainView main;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new StackPane(), 1280, 720));
        stage.sizeToScene(); // TestFX shares one stage between test classes: drop an earlier class's size
        stage.show();
    }

    @AfterEach
    void close() {
        if (jobs != null) {
            jobs.close();
            store.close();
        }
    }

    private void open(FxRobot robot) throws Exception {
        if (store == null) {
            store = Store.open(dataDir);
            DemoInventory.seedIfEmpty(store);
            jobs = new JobRunner(store.jobs(), 2);
        }
        UiContext ctx = new UiContext(store, jobs, new InventoryEvents(), Platform::runLater);
        robot.interact(() -> {
            Theme.LIGHT.apply();
            main = new MainView(ctx);
            stage.getScene().setRoot(main);
        });
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> topology().vmNamePixels() > 0
                && main.viewModel().snapshotProperty().get() != null);
        WaitForAsyncUtils.sleep(500, TimeUnit.MILLISECONDS); // the stored layout is read in a job
        WaitForAsyncUtils.waitForFxEvents();
    }

    private TopologyView topology() {
        return main == null ? null : (TopologyView) main.lookup("#topology-view");
    }

    @Test
    void presentationModeMakesDiagramNamesAtLeast18PixelsAtFit(FxRobot robot) throws Exception {
        open(robot);
        double normal = topology().vmNamePixels();
        robot.press(javafx.scene.input.KeyCode.F5).release(javafx.scene.input.KeyCode.F5);
        WaitForAsyncUtils.sleep(500, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(main.isPresentation()).as("F5 turns presentation mode on").isTrue();
        assertThat(topology().vmNamePixels()).as("VM names at Fit, in pixels (normal mode: %.1f)", normal)
                .isGreaterThanOrEqualTo(18);
        Labeled menu = (Labeled) main.lookup(".menu-bar .label");
        assertThat(menu.getFont().getSize()).as("one root font size for every control").isGreaterThanOrEqualTo(19);
        Node compact = main.lookup("#jobs-compact");
        assertThat(compact).isNotNull();
        assertThat(compact.isVisible()).as("the jobs panel is one progress line").isTrue();
        assertThat(main.lookup("#jobs-table")).as("the jobs table is gone").isNull();

        robot.interact(() -> main.setPresentation(false));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(main.lookup("#jobs-table")).isNotNull();
        assertThat(main.lookup("#details")).isNotNull();
    }

    @Test
    void jobsPanelToggleAndItsHeightAreRememberedAcrossRestarts(FxRobot robot) throws Exception {
        open(robot);
        SplitPane vertical = (SplitPane) main.lookup("#jobs-panel").getParent().getParent();
        robot.interact(() -> vertical.setDividerPositions(0.55));
        WaitForAsyncUtils.sleep(1500, TimeUnit.MILLISECONDS); // saved half a second after the last move
        open(robot); // a new window on the same database, as after a restart
        SplitPane again = (SplitPane) main.lookup("#jobs-panel").getParent().getParent();
        assertThat(again.getDividerPositions()[0]).isCloseTo(0.55, org.assertj.core.data.Offset.offset(0.02));

        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.J)
                .release(javafx.scene.input.KeyCode.J, javafx.scene.input.KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(main.lookup("#jobs-panel")).as("Ctrl+J hides the jobs panel").isNull();
        WaitForAsyncUtils.sleep(1000, TimeUnit.MILLISECONDS);
        open(robot);
        assertThat(main.lookup("#jobs-panel")).as("and it stays hidden after a restart").isNull();
    }
}
