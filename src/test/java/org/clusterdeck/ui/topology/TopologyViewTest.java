package org.clusterdeck.ui.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.clusterdeck.inventory.InventoryEvents;
import org.clusterdeck.job.JobRunner;
import org.clusterdeck.model.Site;
import org.clusterdeck.model.VmState;
import org.clusterdeck.store.DemoInventory;
import org.clusterdeck.store.Store;
import org.clusterdeck.topology.Colors;
import org.clusterdeck.topology.DiagramLayout;
import org.clusterdeck.topology.DiagramNodeRef;
import org.clusterdeck.topology.NodeKind;
import org.clusterdeck.topology.NodeState;
import org.clusterdeck.topology.Rect;
import org.clusterdeck.topology.TopologyNode;
import org.clusterdeck.topology.TopologyService;
import org.clusterdeck.ui.UiContext;
import org.clusterdeck.ui.common.Theme;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class TopologyViewTest {
    private static final AtomicInteger DB = new AtomicInteger();
    private Store store;
    private JobRunner jobs;
    private InventoryEvents events;
    private TopologyView view;
    private Site demo;

    @Start
    void start(Stage stage) {
        Theme.LIGHT.apply();
        store = Store.inMemory("topology-view-" + DB.incrementAndGet());
        DemoInventory.seedIfEmpty(store);
        jobs = new JobRunner(store.jobs(), 2);
        events = new InventoryEvents();
        view = new TopologyView(new UiContext(store, jobs, events, Platform::runLater));
        stage.setScene(new Scene(view, 1260, 780));
        stage.sizeToScene(); // TestFX shares one stage between test classes: drop an earlier class's size
        stage.show();
        demo = store.sites().findByName(DemoInventory.SITE_NAME).orElseThrow();
        view.showSite(demo);
    }

    @AfterEach
    void close() {
        view.dispose();
        jobs.close();
        store.close();
    }

    private DiagramLayout layout() throws Exception {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> view.viewModel().layoutProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        return view.viewModel().layoutProperty().get();
    }

    private DiagramNodeRef named(DiagramLayout layout, String name) {
        return layout.graph().nodes().stream().filter(n -> n.name().equals(name)).map(TopologyNode::ref)
                .findFirst().orElseThrow();
    }

    private Point2D screenCentre(DiagramLayout layout, DiagramNodeRef ref) {
        Rect r = layout.rect(ref);
        return view.diagram().localToScreen(view.diagram().toLocal(r.centerX(), r.centerY()));
    }

    private WritableImage snapshot(FxRobot robot) {
        AtomicReference<WritableImage> img = new AtomicReference<>();
        robot.interact(() -> img.set(view.diagram().snapshot(null, null)));
        return img.get();
    }

    private static double distance(Color actual, String expectedHex) {
        Color expected = Color.web(Colors.rgb(expectedHex));
        return Math.abs(actual.getRed() - expected.getRed()) + Math.abs(actual.getGreen() - expected.getGreen())
                + Math.abs(actual.getBlue() - expected.getBlue());
    }

    private static void assertColourNear(Color actual, String expectedHex, String what) {
        assertThat(distance(actual, expectedHex)).as("%s: %s should be close to %s", what, actual, expectedHex)
                .isLessThan(0.12);
    }

    /** The pixel nearest in colour to the expected one among a few rows around y (outlines are thin). */
    private static Color nearestAround(WritableImage img, Point2D at, String expectedHex) {
        Color best = null;
        for (int dy = -3; dy <= 3; dy++) {
            Color c = img.getPixelReader().getColor((int) at.getX(), (int) Math.round(at.getY()) + dy);
            if (best == null || distance(c, expectedHex) < distance(best, expectedHex)) {
                best = c;
            }
        }
        return best;
    }

    @Test
    void clickingANodeInTheDiagramSelectsIt(FxRobot robot) throws Exception {
        DiagramLayout layout = layout();
        DiagramNodeRef web2 = named(layout, "web2");
        robot.clickOn(screenCentre(layout, web2));
        assertThat(view.selectedProperty().get()).isEqualTo(web2);
        DiagramNodeRef frontend = named(layout, "frontend");
        robot.clickOn(screenCentre(layout, frontend));
        assertThat(view.selectedProperty().get()).isEqualTo(frontend);
    }

    @Test
    void selectingFromOutsideOutlinesTheNodeInTheDiagram(FxRobot robot) throws Exception {
        DiagramLayout layout = layout();
        DiagramNodeRef db = named(layout, "mysql-replica");
        Rect r = layout.rect(db);
        Point2D outline = view.diagram().toLocal(r.centerX(), r.y() - 3);
        Color before = nearestAround(snapshot(robot), outline, view.diagram().theme().selection());

        robot.interact(() -> view.selectedProperty().set(db));

        Color after = nearestAround(snapshot(robot), outline, view.diagram().theme().selection());
        assertColourNear(after, view.diagram().theme().selection(), "selection outline");
        assertThat(distance(before, view.diagram().theme().selection())).as("no outline before").isGreaterThan(0.12);
    }

    @Test
    void aVmStoppedElsewhereTurnsGreyWithoutAReload(FxRobot robot) throws Exception {
        DiagramLayout layout = layout();
        DiagramNodeRef web1 = named(layout, "web1");
        Rect r = layout.rect(web1);
        Point2D stripe = view.diagram().toLocal(r.x() + 3.5, r.centerY());
        assertColourNear(snapshot(robot).getPixelReader().getColor((int) stripe.getX(), (int) stripe.getY()),
                view.diagram().theme().running(), "running stripe");

        store.vms().updateState(web1.id(), VmState.STOPPED);
        events.fire("vm", web1.id(), "state");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS,
                () -> layout.graph().node(web1).state() == NodeState.STOPPED);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(view.viewModel().layoutProperty().get()).as("same diagram, not reloaded").isSameAs(layout);
        assertColourNear(snapshot(robot).getPixelReader().getColor((int) stripe.getX(), (int) stripe.getY()),
                view.diagram().theme().stopped(), "stopped stripe");
    }

    @Test
    void draggingAHostPinsItInTheDatabase(FxRobot robot) throws Exception {
        DiagramLayout layout = layout();
        DiagramNodeRef pve3 = named(layout, "pve3");
        Rect r = layout.rect(pve3);
        Point2D header = view.diagram().localToScreen(view.diagram().toLocal(r.x() + r.w() / 2, r.y() + 12));
        robot.drag(header).dropBy(0, 120);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> new TopologyService(store).pinsOf(demo.id()).containsKey(pve3));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.viewModel().layoutProperty().get() != layout
                && view.viewModel().layoutProperty().get().isPinned(pve3));
        assertThat(view.viewModel().layoutProperty().get().rect(pve3).y()).isGreaterThan(r.y() + 60);
    }

    @Test
    void draggingTheBackgroundPansTheDiagram(FxRobot robot) throws Exception {
        DiagramLayout layout = layout();
        DiagramNodeRef web2 = named(layout, "web2");
        Point2D before = screenCentre(layout, web2);
        Point2D background = view.diagram().localToScreen(4, 4);
        assertThat(view.diagram().nodeAt(4, 4)).isNull();

        robot.drag(background).dropBy(70, 45);

        Point2D after = screenCentre(layout, web2);
        assertThat(after.getX() - before.getX()).isCloseTo(70, org.assertj.core.data.Offset.offset(2.0));
        assertThat(after.getY() - before.getY()).isCloseTo(45, org.assertj.core.data.Offset.offset(2.0));
        robot.clickOn(after);
        assertThat(view.selectedProperty().get()).isEqualTo(web2);
        Rect r = layout.rect(web2);
        Point2D stripe = view.diagram().toLocal(r.x() + 3.5, r.centerY());
        assertColourNear(snapshot(robot).getPixelReader().getColor((int) stripe.getX(), (int) stripe.getY()),
                view.diagram().theme().running(), "the panned picture shows web2 where it now is");
    }

    @Test
    void searchHighlightsMatchingNodes(FxRobot robot) throws Exception {
        DiagramLayout layout = layout();
        robot.clickOn("#topology-search").write("web");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.viewModel().matchesProperty().get())
                .containsExactlyInAnyOrder(named(layout, "web1"), named(layout, "web2"));
        Rect r = layout.rect(named(layout, "web2"));
        Point2D ring = view.diagram().toLocal(r.centerX(), r.y() - 5);
        assertColourNear(nearestAround(snapshot(robot), ring, view.diagram().theme().highlight()),
                view.diagram().theme().highlight(), "search highlight");
    }

    @Test
    void aLargeSiteFarOutShowsTheOverviewPictureAndItFollowsStateChanges(FxRobot robot) throws Exception {
        layout();
        Site big = store.sites().insert("Big", org.clusterdeck.model.SiteKind.REAL, null);
        long firstVm = 0;
        // big enough that the overview picture is drawn far out, where a VM is a block in its state's colour
        for (int h = 0; h < 200; h++) {
            var host = store.hosts().insert(org.clusterdeck.model.Host.draft(big.id(), "big" + h, "10.9.0." + h));
            for (int v = 0; v < 5; v++) {
                var vm = store.vms().insert(new org.clusterdeck.model.Vm(0, host.id(), "b" + h + "-" + v, null,
                        VmState.RUNNING, 1, 1024, 10, "web", null, false, null));
                firstVm = firstVm == 0 ? vm.id() : firstVm;
            }
        }
        robot.interact(() -> view.showSite(big));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> view.viewModel().layoutProperty().get() != null
                && view.viewModel().layoutProperty().get().graph().siteId() == big.id());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> {
            robot.interact(() -> view.diagram().draw());
            return view.diagram().overviewShown();
        });
        DiagramLayout layout = view.viewModel().layoutProperty().get();
        DiagramNodeRef vm = DiagramNodeRef.vm(firstVm);
        Rect r = layout.rect(vm);
        Point2D centre = view.diagram().toLocal(r.centerX(), r.centerY());
        String running = view.diagram().theme().running();
        assertThat(view.diagram().scale()).as("far out").isLessThan(0.3);
        assertColourNear(nearestAround(snapshot(robot), centre, running), running, "running VM in the picture");

        store.vms().updateState(firstVm, VmState.STOPPED);
        events.fire("vm", firstVm, "state");
        String stopped = view.diagram().theme().stopped();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> {
            robot.interact(() -> view.diagram().draw());
            return view.diagram().overviewShown()
                    && distance(nearestAround(snapshot(robot), centre, stopped), stopped) < 0.12;
        });
    }

    @Test
    void snapshotsForTheReadme(FxRobot robot) throws Exception {
        DiagramLayout layout = layout();
        robot.interact(() -> view.selectedProperty().set(named(layout, "web1")));
        File dir = new File("target/screenshots");
        dir.mkdirs();
        AtomicReference<WritableImage> img = new AtomicReference<>();
        robot.interact(() -> img.set(view.snapshot(null, null)));
        ImageIO.write(SwingFXUtils.fromFXImage(img.get(), null), "png", new File(dir, "topology-light.png"));
        robot.interact(() -> {
            Theme.DARK.apply();
            view.refreshTheme();
        });
        robot.interact(() -> img.set(view.snapshot(null, null)));
        ImageIO.write(SwingFXUtils.fromFXImage(img.get(), null), "png", new File(dir, "topology-dark.png"));
        assertThat(view.diagram().theme().background()).isNotEqualTo("#FFFFFF");
        robot.interact(Theme.LIGHT::apply);
    }
}
