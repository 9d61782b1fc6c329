package org.clusterdeck.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.stage.Stage;
import org.clusterdeck.inventory.InventoryEvents;
import org.clusterdeck.job.JobRunner;
import org.clusterdeck.store.DemoInventory;
import org.clusterdeck.store.Store;
import org.clusterdeck.testing.RealParts;
import org.clusterdeck.ui.UiContext;
import org.clusterdeck.virt.VirtService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** File ▸ New VM in the main window on the demo lab: the VM the wizard creates appears in the tree. */
@ExtendWith(ApplicationExtension.class)
class MainViewVmTest {
    @TempDir
    static Path dataDir;
    Store store;
    JobRunner jobs;
    VirtService virt;
    MainView view;

    @Start
    void start(Stage stage) throws Exception {
        if (VirtService.unavailable().isPresent()) {
            return;
        }
        org.clusterdeck.ui.common.Theme.LIGHT.apply();
        store = Store.inMemory("main-vm-" + System.nanoTime());
        DemoInventory.seedIfEmpty(store);
        jobs = new JobRunner(store.jobs(), 2);
        UiContext ctx = new UiContext(store, jobs, new InventoryEvents(), Platform::runLater);
        virt = VirtService.create(store, jobs, ctx.events(), dataDir, "gui");
        virt.syncAll().result().get(60, TimeUnit.SECONDS);
        view = new MainView(ctx);
        view.setVirt(virt);
        stage.setScene(new Scene(view, 1200, 800));
        stage.sizeToScene(); // TestFX shares one stage between test classes: drop an earlier class's size
        stage.show();
    }

    @AfterEach
    void close() {
        if (virt != null) {
            virt.close();
            jobs.close();
            store.close();
        }
    }

    private List<String> treeLabels(FxRobot robot) {
        List<String> out = new ArrayList<>();
        TreeView<?> tree = robot.lookup("#inventory-tree").tryQueryAs(TreeView.class).orElse(view.tree());
        collect(tree.getRoot(), out);
        return out;
    }

    private static void collect(TreeItem<?> item, List<String> out) {
        if (item == null) {
            return;
        }
        for (TreeItem<?> c : item.getChildren()) {
            out.add(String.valueOf(c.getValue()));
            collect(c, out);
        }
    }

    /** The wizard's Next button (it reads "Finish" on the last step). */
    private static Button wizardNext(FxRobot robot) {
        return robot.lookup("#wizard-next").queryButton();
    }

    @Test
    void aVmCreatedWithTheWizardAppearsInTheTree(FxRobot robot) throws Exception {
        String why = VirtService.unavailable().orElse(null);
        RealParts.requireNone(why);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> treeLabels(robot).contains("pve2"));
        robot.clickOn("File").clickOn("New VM…");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#vmName").tryQuery().isPresent());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !robot.lookup("#host").queryComboBox().getItems().isEmpty());
        robot.clickOn("#vmName").write("web7");
        for (int step = 0; step < 6; step++) {
            robot.clickOn(wizardNext(robot));
            WaitForAsyncUtils.waitForFxEvents();
        }
        assertThat(wizardNext(robot).getText()).isEqualTo("Finish");
        robot.clickOn(wizardNext(robot));

        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> treeLabels(robot).contains("web7"));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> store.vms().findByName("web7").stream()
                .anyMatch(v -> v.state().dbValue().equals("running")));
        assertThat(store.vms().findByName("web7")).hasSize(1);
    }
}
