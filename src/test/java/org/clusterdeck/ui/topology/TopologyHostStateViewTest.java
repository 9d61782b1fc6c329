package org.clusterdeck.ui.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.clusterdeck.inventory.InventoryEvents;
import org.clusterdeck.job.JobRunner;
import org.clusterdeck.model.Host;
import org.clusterdeck.model.Site;
import org.clusterdeck.model.SiteKind;
import org.clusterdeck.store.Store;
import org.clusterdeck.testing.RealParts;
import org.clusterdeck.topology.Colors;
import org.clusterdeck.topology.DiagramLayout;
import org.clusterdeck.topology.DiagramNodeRef;
import org.clusterdeck.topology.NodeState;
import org.clusterdeck.topology.Rect;
import org.clusterdeck.ui.UiContext;
import org.clusterdeck.ui.common.Theme;
import org.clusterdeck.virt.VirtService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A host's libvirt sync result recolours its box in the open diagram, without a reload. */
@ExtendWith(ApplicationExtension.class)
class TopologyHostStateViewTest {
    private static final AtomicInteger DB = new AtomicInteger();
    private Store store;
    private JobRunner jobs;
    private InventoryEvents events;
    private TopologyView view;
    private Site site;
    private Host flaky;
    private Path dir;

    @Start
    void start(Stage stage) throws Exception {
        Theme.LIGHT.apply();
        dir = Files.createTempDirectory("host-state-view");
        store = Store.inMemory("topology-host-state-" + DB.incrementAndGet() + "-" + System.nanoTime());
        site = store.sites().insert("lab", SiteKind.REAL, null);
        // a test-driver URI whose node file does not exist: every sync of this host fails
        flaky = store.hosts().insert(new Host(0, site.id(), "flaky", "127.0.0.1", 22, "root", null,
                "test://" + dir.resolve("missing-node.xml").toAbsolutePath(), "hypervisor", null, null, null, null,
                null));
        jobs = new JobRunner(store.jobs(), 2);
        events = new InventoryEvents();
        view = new TopologyView(new UiContext(store, jobs, events, Platform::runLater));
        stage.setScene(new Scene(view, 1000, 700));
        stage.sizeToScene(); // TestFX shares one stage between test classes: drop an earlier class's size
        stage.show();
        view.showSite(site);
    }

    @AfterEach
    void close() throws Exception {
        view.dispose();
        jobs.close();
        store.close();
        Files.deleteIfExists(dir);
    }

    private DiagramLayout layout() throws Exception {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> view.viewModel().layoutProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        return view.viewModel().layoutProperty().get();
    }

    /** Pixels in the host's header drawn in (nearly) that colour: the state cue. */
    private int pixelsInHeader(FxRobot robot, DiagramLayout layout, DiagramNodeRef host, String hex) {
        AtomicReference<WritableImage> img = new AtomicReference<>();
        robot.interact(() -> img.set(view.diagram().snapshot(null, null)));
        Rect r = layout.rect(host);
        Point2D from = view.diagram().toLocal(r.x(), r.y());
        Point2D to = view.diagram().toLocal(r.right(), r.y() + 34);
        Color want = Color.web(Colors.rgb(hex));
        int count = 0;
        for (int x = (int) Math.max(0, from.getX()); x < Math.min(img.get().getWidth(), to.getX()); x++) {
            for (int y = (int) Math.max(0, from.getY()); y < Math.min(img.get().getHeight(), to.getY()); y++) {
                Color c = img.get().getPixelReader().getColor(x, y);
                if (Math.abs(c.getRed() - want.getRed()) + Math.abs(c.getGreen() - want.getGreen())
                        + Math.abs(c.getBlue() - want.getBlue()) < 0.1) {
                    count++;
                }
            }
        }
        return count;
    }

    @Test
    void aFailedHostSyncTurnsTheHostUnreachableWithoutAReload(FxRobot robot) throws Exception {
        String why = VirtService.unavailable().orElse(null);
        RealParts.requireNone(why);
        DiagramLayout layout = layout();
        DiagramNodeRef ref = DiagramNodeRef.host(flaky.id());
        assertThat(layout.graph().node(ref).state()).as("never synced").isEqualTo(NodeState.NONE);
        String red = view.diagram().theme().unreachable();
        assertThat(pixelsInHeader(robot, layout, ref, red)).as("no red cue before").isZero();
        int changesBefore = view.viewModel().stateChangesProperty().get();

        VirtService virt = VirtService.create(store, jobs, events, dir, "test");
        try {
            assertThatThrownBy(() -> virt.sync(flaky).result().get(60, TimeUnit.SECONDS))
                    .hasMessageContaining("missing-node.xml");
        } finally {
            virt.close();
        }
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> view.viewModel().stateChangesProperty().get() > changesBefore);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(view.viewModel().layoutProperty().get()).as("same diagram, not reloaded").isSameAs(layout);
        assertThat(layout.graph().node(ref).state()).isEqualTo(NodeState.UNREACHABLE);
        assertThat(layout.graph().node(ref).stateNote()).startsWith("Last sync failed: ")
                .contains("missing-node.xml");
        assertThat(pixelsInHeader(robot, layout, ref, red)).as("red unreachable cue drawn").isGreaterThan(10);
    }
}
