package org.clusterdeck.ui.vm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.clusterdeck.inventory.InventoryEvents;
import org.clusterdeck.job.JobRunner;
import org.clusterdeck.model.Host;
import org.clusterdeck.model.Vm;
import org.clusterdeck.model.VmState;
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

/** The VM and host panes of the details area on the demo lab: devices shown, actions run as jobs. */
@ExtendWith(ApplicationExtension.class)
class VmDetailsPaneTest {
    @TempDir
    Path dataDir;
    Stage stage;
    VBox root = new VBox();
    Store store;
    JobRunner jobs;
    VirtService virt;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(root, 700, 500));
        stage.sizeToScene(); // TestFX shares one stage between test classes: drop an earlier class's size
        stage.show();
    }

    @AfterEach
    void tearDown() {
        if (virt != null) {
            virt.close();
            jobs.close();
            store.close();
        }
    }

    @Test
    void showsDisksAndNicsAndForceOffFromTheActionsMenuStopsTheVm(FxRobot robot) throws Exception {
        String why = VirtService.unavailable().orElse(null);
        RealParts.requireNone(why);
        store = Store.inMemory("details-" + System.nanoTime());
        DemoInventory.seedIfEmpty(store);
        jobs = new JobRunner(store.jobs(), 2);
        virt = VirtService.create(store, jobs, new InventoryEvents(), dataDir, "test");
        virt.syncAll().result().get(60, TimeUnit.SECONDS);
        UiContext ctx = new UiContext(store, jobs, new InventoryEvents(), Platform::runLater);
        Host pve1 = store.hosts().findByName("pve1").orElseThrow();
        Vm web1 = store.vms().findByHostAndName(pve1.id(), "web1").orElseThrow();

        robot.interact(() -> root.getChildren().setAll(new VmDetailsPane(ctx, virt, web1, store.hosts().findAll()),
                new HostVirtPane(ctx, virt, pve1)));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".label").queryAllAs(Labeled.class).stream()
                .anyMatch(l -> l.getText().contains("/var/lib/libvirt/images/web1.qcow2")));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".label").queryAllAs(Labeled.class).stream()
                .anyMatch(l -> l.getText().contains("connected")));

        MenuButton actions = robot.lookup("#vm-actions").queryAs(MenuButton.class);
        MenuItem start = actions.getItems().stream().filter(i -> "vm-start".equals(i.getId())).findFirst().orElseThrow();
        assertThat(start.isDisable()).as("web1 runs, so Start is off").isTrue();
        robot.clickOn(actions);
        robot.clickOn("Force off");

        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () ->
                store.vms().findById(web1.id()).orElseThrow().state() == VmState.STOPPED);
        assertThat(store.audit().findByTarget("vm", "pve1/web1")).extracting("action").contains("vm.force_off");
    }
}
