package org.clusterdeck.ui.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.clusterdeck.bench.TestHttpServer;
import org.clusterdeck.inventory.InventoryEvents;
import org.clusterdeck.job.JobRunner;
import org.clusterdeck.store.Store;
import org.clusterdeck.ui.UiContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The benchmark page driven by the robot: fill the form, start, see the summary, save the charts. */
@ExtendWith(ApplicationExtension.class)
class BenchmarkViewTest {
    @TempDir
    static Path dir;

    private Store store;
    private JobRunner jobs;
    private BenchmarkView view;

    @Start
    void start(Stage stage) {
        org.clusterdeck.ui.common.Theme.LIGHT.apply();
        store = Store.inMemory("bench-view-" + System.nanoTime());
        jobs = new JobRunner(store.jobs(), 2);
        view = new BenchmarkView(new UiContext(store, jobs, new InventoryEvents(), Platform::runLater));
        stage.setScene(new Scene((javafx.scene.Parent) view.node(), 1200, 800));
        stage.sizeToScene(); // TestFX shares one stage between test classes: drop an earlier class's size
        stage.show();
    }

    @AfterEach
    void close() {
        jobs.close();
        store.close();
    }

    @Test
    void startingARunFillsTheSummaryAndTheChartsSaveAsPng(FxRobot robot) throws Exception {
        try (TestHttpServer server = new TestHttpServer(false)) {
            robot.interact(() -> {
                view.prefill(server.url("/ok"));
                robot.lookup("#bench-connections").queryAs(TextField.class).setText("4");
                robot.lookup("#bench-duration").queryAs(TextField.class).setText("2s");
            });
            robot.clickOn("#bench-start");
            Label title = robot.lookup("#bench-run-title").queryAs(Label.class);
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> title.getText().equals("Run #1"));
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(robot.lookup("#bench-figure-p99").queryAs(Label.class).getText()).endsWith(" ms");
            assertThat(robot.lookup("#bench-run-header").queryAs(Label.class).getText()).contains("4 connections");

            // the bug: with run #1 selected in the table, the summary kept showing run #1 after run #2 finished
            TableView<?> table = robot.lookup("#bench-history").queryAs(TableView.class);
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table.getItems().size() == 1);
            robot.interact(() -> table.getSelectionModel().select(0));
            robot.clickOn("#bench-start");
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> title.getText().equals("Run #2")
                    && table.getItems().size() == 2);
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(title.getText()).isEqualTo("Run #2");
            assertThat(((org.clusterdeck.model.BenchmarkRun) table.getSelectionModel().getSelectedItem()).id())
                    .as("the table selects the run the page shows").isEqualTo(2);

            Path png = dir.resolve("charts.png");
            robot.interact(() -> view.writeChartsPng(png));
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Files.exists(png) && Files.size(png) > 1000);
            byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(png), 4);
            assertThat(head).containsExactly(0x89, 'P', 'N', 'G');
        }
    }
}
