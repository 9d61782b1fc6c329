package org.clusterdeck.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.stage.Stage;
import org.clusterdeck.inventory.InventoryEvents;
import org.clusterdeck.job.JobRunner;
import org.clusterdeck.model.Host;
import org.clusterdeck.model.Vm;
import org.clusterdeck.topology.DiagramNodeRef;
import org.clusterdeck.store.DemoInventory;
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

/** The main window on a file database, driven by the robot as a person would. */
@ExtendWith(ApplicationExtension.class)
class MainViewTest {
    @TempDir
    static Path dataDir;

    private Store store;
    private JobRunner jobs;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        open();
    }

    /** Builds the window as the app does, on the database in {@code dataDir}. */
    private void open() {
        org.clusterdeck.ui.common.Theme.LIGHT.apply();
        store = Store.open(dataDir);
        DemoInventory.seedIfEmpty(store);
        jobs = new JobRunner(store.jobs(), 2);
        MainView view = new MainView(new UiContext(store, jobs, new InventoryEvents(), Platform::runLater));
        stage.setScene(new Scene(view, 1200, 800));
        stage.sizeToScene(); // TestFX shares one stage between test classes: drop an earlier class's size
        stage.show();
    }

    @AfterEach
    void close() {
        jobs.close();
        store.close();
    }

    @Test
    void opensOnTheDemoInventory(FxRobot robot) {
        waitForTree(robot, "pve1");
        assertThat(treeLabels(robot)).contains("Demo lab  (demo)", "pve1", "pve2", "pve3", "web1", "frontend",
                "mysql-primary", "mysql-replica");
        Label status = robot.lookup("#status").queryAs(Label.class);
        assertThat(status.getText()).contains("3 hosts", "7 VMs", "1 load balancer", "2 databases");
    }

    @Test
    void badPortShowsTheErrorAndSavesNothingThenAGoodHostPersistsAcrossRestart(FxRobot robot) throws Exception {
        waitForTree(robot, "pve1");
        robot.clickOn("#add-host");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#host-name").write("web9");
        robot.clickOn("#host-address").write("10.20.0.9");
        TextField port = robot.lookup("#host-port").queryAs(TextField.class);
        robot.interact(() -> port.setText(""));
        robot.clickOn("#host-port").write("70000");
        WaitForAsyncUtils.waitForFxEvents();

        Button ok = robot.lookup("#host-dialog-ok").queryAs(Button.class);
        HostForm form = (HostForm) robot.lookup("#host-dialog").queryAs(javafx.scene.control.DialogPane.class).getContent();
        assertThat(ok.isDisabled()).as("OK is disabled while the port is invalid").isTrue();
        assertThat(form.validation().getValidationResult().getErrors())
                .anySatisfy(m -> assertThat(m.getText()).contains("1 to 65535").contains("70000"));
        robot.clickOn(ok); // a click on a disabled button must not save
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(store.hosts().findByName("web9")).as("nothing saved").isEmpty();
        assertThat(robot.lookup("#host-name").queryAs(TextField.class).getText()).as("typed text kept").isEqualTo("web9");

        robot.interact(() -> port.setText("2222"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(ok.isDisabled()).isFalse();
        robot.clickOn(ok);
        waitForTree(robot, "web9");
        Host saved = store.hosts().findByName("web9").orElseThrow();
        assertThat(saved.sshPort()).isEqualTo(2222);
        assertThat(saved.address()).isEqualTo("10.20.0.9");

        // restart: close everything, open a new window on the same data directory
        robot.interact(() -> {
            stage.hide();
            jobs.close();
            store.close();
        });
        robot.interact(this::open);
        waitForTree(robot, "web9");
        assertThat(treeLabels(robot)).contains("web9", "pve1");
    }

    @Test
    void selectingAHostShowsItsDetails(FxRobot robot) {
        waitForTree(robot, "pve2");
        robot.clickOn("pve2");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#details-title").queryAs(Label.class).getText()).isEqualTo("pve2");
        assertThat(robot.lookup("#details").queryAs(javafx.scene.Node.class)).isNotNull();
        assertThat(robot.lookup(".label").queryAllAs(Label.class)).extracting(Label::getText)
                .contains("Intel Xeon Gold 6338 · 64 cores", "512 GiB");
    }

    @Test
    void treeAndDiagramSelectionFollowEachOther(FxRobot robot) throws Exception {
        waitForTree(robot, "web2");
        org.clusterdeck.ui.topology.TopologyView topology =
                robot.lookup("#topology-view").queryAs(org.clusterdeck.ui.topology.TopologyView.class);
        Vm web2 = store.vms().findByName("web2").get(0);
        robot.clickOn("web2");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> DiagramNodeRef.vm(web2.id()).equals(topology.selectedProperty().get()));

        Host pve3 = store.hosts().findByName("pve3").orElseThrow();
        robot.interact(() -> topology.selectedProperty().set(DiagramNodeRef.host(pve3.id())));
        WaitForAsyncUtils.waitForFxEvents();
        InventoryTree tree = robot.lookup("#inventory-tree").queryAs(InventoryTree.class);
        assertThat(tree.getSelectionModel().getSelectedItem().getValue().label()).isEqualTo("pve3");
        assertThat(robot.lookup("#details-title").queryAs(Label.class).getText()).isEqualTo("pve3");
    }

    static java.util.List<String> treeLabels(FxRobot robot) {
        InventoryTree tree = robot.lookup("#inventory-tree").queryAs(InventoryTree.class);
        java.util.List<String> out = new java.util.ArrayList<>();
        collect(tree.getRoot(), out);
        return out;
    }

    private static void collect(TreeItem<InventoryItem> item, java.util.List<String> out) {
        for (TreeItem<InventoryItem> c : item.getChildren()) {
            out.add(c.getValue().label());
            collect(c, out);
        }
    }

    static void waitForTree(FxRobot robot, String label) {
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> treeLabels(robot).contains(label));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the tree never showed " + label + "; it shows " + treeLabels(robot), e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }
}
