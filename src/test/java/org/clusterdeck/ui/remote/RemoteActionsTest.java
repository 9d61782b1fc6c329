package org.clusterdeck.ui.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.clusterdeck.app.Services;
import org.clusterdeck.job.JobRunner;
import org.clusterdeck.model.Host;
import org.clusterdeck.store.DemoInventory;
import org.clusterdeck.store.Store;
import org.clusterdeck.ui.UiContext;
import org.clusterdeck.ui.main.MainView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The SSH check from a host's context menu in the main window: a demo host leads to the local lab. */
@ExtendWith(ApplicationExtension.class)
class RemoteActionsTest {
    @TempDir
    static Path dataDir;
    private Store store;
    private JobRunner jobs;
    private Services services;

    @Start
    void start(Stage stage) {
        org.clusterdeck.ui.common.Theme.LIGHT.apply();
        store = Store.open(dataDir);
        DemoInventory.seedIfEmpty(store);
        jobs = new JobRunner(store.jobs(), 2);
        services = Services.builder(dataDir, "test").store(store).jobs(jobs).build();
        UiContext ctx = new UiContext(services, Platform::runLater);
        MainView view = new MainView(ctx, java.util.List.of(new RemoteActions(ctx)));
        stage.setScene(new Scene(view, 1100, 700));
        stage.sizeToScene(); // TestFX shares one stage between test classes: drop an earlier class's size
        stage.show();
    }

    @AfterEach
    void close() {
        services.close();
    }

    @Test
    void checkSshOnADemoHostSaysItIsADemoHostAndPointsToTheLab(FxRobot robot) throws Exception {
        java.util.function.Predicate<javafx.scene.Node> pve1Cell = n -> n instanceof javafx.scene.control.TreeCell<?> c
                && "pve1".equals(c.getText());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(pve1Cell).tryQuery().isPresent());
        javafx.scene.Node cell = robot.lookup(pve1Cell).query();
        // Monocle's robot sends no context-menu request on right-click: send the request it would
        javafx.geometry.Bounds b = cell.localToScreen(cell.getBoundsInLocal());
        robot.interact(() -> javafx.event.Event.fireEvent(cell, new javafx.scene.input.ContextMenuEvent(
                javafx.scene.input.ContextMenuEvent.CONTEXT_MENU_REQUESTED, 5, 5, b.getMinX() + 5, b.getMinY() + 5,
                false, null)));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("Check SSH…");
        // no dead end: the prompt says why, and leads to the local lab (started here when root, else the command)
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#demo-prompt-continue").tryQuery().isPresent());
        javafx.scene.control.DialogPane pane = robot.lookup(".dialog-pane").queryAs(javafx.scene.control.DialogPane.class);
        assertThat(pane.getHeaderText()).isEqualTo("Check SSH needs a host ClusterDeck can reach; pve1 is a demo host.");
        javafx.scene.control.Button go = robot.lookup("#demo-prompt-continue").queryButton();
        if (org.clusterdeck.text.Invocation.isRoot()) {
            assertThat(go.getText()).isEqualTo("Start the local lab and continue");
        } else {
            assertThat(go.getText()).isEqualTo("Continue on the lab");
            assertThat(robot.lookup("#demo-prompt-command").queryAs(javafx.scene.control.TextField.class).getText())
                    .isEqualTo(org.clusterdeck.text.Invocation.asRoot("lab up")).startsWith("sudo ");
        }
        robot.interact(() -> ((javafx.stage.Stage) pane.getScene().getWindow()).close());
        Host pve1 = store.hosts().findByName("pve1").orElseThrow();
        assertThat(services.sessions().openConnections()).isZero();
        assertThat(pve1.address()).startsWith("192.168.1.");
    }

    @Test
    void theLabTwinHasTheSameRoleElseItIsTheFirstLabHost() {
        assertThat(DemoHostPrompt.twin(store, "web")).as("no lab yet").isNull();
        var site = store.sites().insert(org.clusterdeck.lab.LabInventory.SITE_NAME, org.clusterdeck.model.SiteKind.LAB, "test");
        for (String[] h : new String[][] {{"lab2", "web"}, {"lab1", "app"}, {"lab3", "db"}}) {
            store.hosts().insert(new Host(0, site.id(), h[0], "10.213.9." + h[0].charAt(3), 22, "root", null, null, h[1],
                    null, null, null, null, null));
        }
        assertThat(DemoHostPrompt.twin(store, "db").name()).isEqualTo("lab3");
        assertThat(DemoHostPrompt.twin(store, "web").name()).isEqualTo("lab2");
        assertThat(DemoHostPrompt.twin(store, "hypervisor").name()).isEqualTo("lab1");
        assertThat(DemoHostPrompt.twin(store, null).name()).isEqualTo("lab1");
    }

    @Test
    void toolsMenuOpensTheLocalLabDialog(FxRobot robot) throws Exception {
        robot.clickOn("#menu-tools");
        robot.clickOn("Local lab"); // Tools ▸ Local lab ▸ Hosts…
        robot.clickOn("Hosts…");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#lab-dialog").tryQuery().isPresent());
        Label message = robot.lookup("#lab-message").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> message.getText().startsWith("Lab is")
                || message.getText().contains("cannot run here"));
        assertThat(message.getText()).doesNotEndWith("…");
    }
}
