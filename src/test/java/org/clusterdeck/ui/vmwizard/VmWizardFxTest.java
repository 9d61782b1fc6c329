package org.clusterdeck.ui.vmwizard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.clusterdeck.inventory.InventoryEvents;
import org.clusterdeck.job.JobRunner;
import org.clusterdeck.model.Vm;
import org.clusterdeck.model.VmState;
import org.clusterdeck.store.DemoInventory;
import org.clusterdeck.store.Store;
import org.clusterdeck.testing.RealParts;
import org.clusterdeck.ui.UiContext;
import org.clusterdeck.virt.RunState;
import org.clusterdeck.virt.VirtService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The VM wizard on the demo lab, driven through its controls (headless Monocle). */
@ExtendWith(ApplicationExtension.class)
class VmWizardFxTest {
    @TempDir
    static Path dataDir;
    Stage stage;
    Store store;
    JobRunner jobs;
    VirtService virt;
    InventoryEvents events = new InventoryEvents();
    final List<InventoryEvents.Change> changes = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        stage.setScene(new Scene(new StackPane(), 300, 200));
        stage.sizeToScene(); // TestFX shares one stage between test classes: drop an earlier class's size
        stage.show();
    }

    private VmWizard open(FxRobot robot) throws Exception {
        String why = VirtService.unavailable().orElse(null);
        RealParts.requireNone(why);
        store = Store.inMemory("wizard-fx-" + System.nanoTime());
        DemoInventory.seedIfEmpty(store);
        jobs = new JobRunner(store.jobs(), 2);
        virt = VirtService.create(store, jobs, events, dataDir.resolve("d" + System.nanoTime()), "test");
        virt.syncAll().result().get(60, TimeUnit.SECONDS);
        events.addListener(changes::add);
        UiContext ctx = new UiContext(store, jobs, events, Platform::runLater);
        VmWizard w = WaitForAsyncUtils.asyncFx(() -> VmWizard.show(stage, ctx, virt, "pve1")).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> w.model().host.get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        return w;
    }

    @AfterEach
    void tearDown() {
        if (virt != null) {
            virt.close();
            jobs.close();
            store.close();
        }
    }

    private static Button next(VmWizard w) {
        return (Button) w.wizard().node().lookup("#wizard-next");
    }

    private static void next(FxRobot robot, VmWizard w) {
        robot.clickOn(next(w));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void type(FxRobot robot, String query, String text) {
        TextField f = robot.lookup(query).queryAs(TextField.class);
        robot.clickOn(f);
        robot.interact(f::clear);
        robot.write(text);
    }

    @Test
    void memoryBeyondTheHostsFreeMemoryShowsTheErrorAndCreatesNothing(FxRobot robot) throws Exception {
        VmWizard w = open(robot);
        type(robot, "#vmName", "big1");
        next(robot, w); // source
        next(robot, w); // cpu
        next(robot, w); // memory
        type(robot, "#memory", "600");
        WaitForAsyncUtils.waitForFxEvents();

        Label error = robot.lookup("#step-memory-error").queryAs(Label.class);
        assertThat(error.isVisible()).isTrue();
        assertThat(error.getText()).contains("Not enough memory on pve1").contains("600 GiB");
        assertThat(next(w).isDisabled()).isTrue();

        robot.interact(() -> w.wizard().stage().close());
        assertThat(w.job()).isNull();
        assertThat(store.vms().findByName("big1")).isEmpty();
        assertThat(virt.connect(store.hosts().findByName("pve1").orElseThrow()).domain("big1")).isEmpty();
    }

    @Test
    void goodValuesCreateTheVmWhichIsAnnouncedToTheTree(FxRobot robot) throws Exception {
        VmWizard w = open(robot);
        type(robot, "#vmName", "web9");
        next(robot, w); // source
        next(robot, w); // cpu
        type(robot, "#vcpus", "2");
        next(robot, w); // memory
        type(robot, "#memory", "4");
        next(robot, w); // storage
        next(robot, w); // network
        robot.clickOn("#mtu").write("9000");
        robot.interact(() -> w.model().mtu.set("9000"));
        next(robot, w); // summary
        Node xml = robot.lookup("#summaryXml").query();
        assertThat(((javafx.scene.control.TextArea) xml).getText()).contains("<name>web9</name>").contains("9000");
        assertThat(next(w).getText()).isEqualTo("Finish");
        robot.clickOn(next(w));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> w.job() != null);
        Vm vm = w.job().result().get(60, TimeUnit.SECONDS);

        assertThat(vm.name()).isEqualTo("web9");
        assertThat(vm.state()).isEqualTo(VmState.RUNNING);
        assertThat(vm.memoryMib()).isEqualTo(4096);
        assertThat(store.vms().findByName("web9")).hasSize(1);
        assertThat(virt.connect(store.hosts().findByName("pve1").orElseThrow()).domain("web9").orElseThrow().state())
                .isEqualTo(RunState.RUNNING);
        assertThat(changes).anySatisfy(c -> {
            assertThat(c.kind()).isEqualTo("vm");
            assertThat(c.what()).isEqualTo("created");
        });
    }
}
