package org.clusterdeck.ui.harden;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.clusterdeck.harden.HardenLab;
import org.clusterdeck.inventory.InventoryEvents;
import org.clusterdeck.job.JobRunner;
import org.clusterdeck.lab.LabExtension;
import org.clusterdeck.lab.LabHosts;
import org.clusterdeck.lab.LabSize;
import org.clusterdeck.model.ChangeSet;
import org.clusterdeck.model.Host;
import org.clusterdeck.topology.Badge;
import org.clusterdeck.topology.DiagramLayout;
import org.clusterdeck.topology.DiagramNodeRef;
import org.clusterdeck.ui.UiContext;
import org.clusterdeck.ui.common.RecordingDialogs;
import org.clusterdeck.ui.common.Theme;
import org.clusterdeck.ui.harden.HardenRows.ChangeRow;
import org.clusterdeck.ui.harden.HardenRows.HostChoice;
import org.clusterdeck.ui.harden.HardenRows.PlanRow;
import org.clusterdeck.ui.main.InventoryItem;
import org.clusterdeck.ui.main.MainView;
import org.clusterdeck.ui.topology.TopologyView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The wizard window driven by the robot on a lab host: a bad guard window is a field error that
 * keeps the text, the preview shows the plan with its warnings and exact commands, apply and
 * results, a confirmed roll back; and the main window's diagram shows the host's shield and its
 * details pane lists the hardening applied. (Two hosts and the whole run's roll back:
 * HardenWizardModelTest.) With -Dclusterdeck.snapshots=DIR every page is written as a PNG.
 */
@ExtendWith({LabExtension.class, ApplicationExtension.class})
@LabSize(1)
class HardenWizardViewTest {
    @TempDir
    Path dataDir;
    private Stage stage;
    private HardenLab harden;
    private JobRunner jobs;
    private UiContext ctx;
    private final RecordingDialogs dialogs = new RecordingDialogs();
    private org.clusterdeck.app.Services services;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @BeforeEach
    void setUp(LabHosts lab) {
        Theme.LIGHT.apply();
        harden = HardenLab.on(lab, "harden-wizard-view");
        jobs = new JobRunner(harden.store.jobs(), 2);
        // the window's own services over the same database: the shield and details read the history there
        services = org.clusterdeck.app.Services.builder(dataDir, "test").store(harden.store).jobs(jobs)
                .events(new InventoryEvents()).build();
        ctx = new UiContext(services, Platform::runLater);
    }

    @AfterEach
    void close() {
        services.close();
        harden.close();
    }

    private void showScene(FxRobot robot, Parent root, double w, double h) {
        robot.interact(() -> {
            Scene scene = new Scene(root, w, h);
            scene.getStylesheets().add(Theme.APP_CSS);
            stage.setScene(scene);
            stage.sizeToScene(); // TestFX shares one stage between test classes: drop an earlier class's size
            stage.show();
        });
    }

    @Test
    void thePagesWalkFromHostsToARolledBackStep(FxRobot robot, LabHosts lab) throws Exception {
        String h1 = lab.host(1).name();
        HardenWizardModel model = new HardenWizardModel(ctx, harden.service, harden.engine, harden.access::open, dialogs);
        HardenWizard wizard = new HardenWizard(model);
        showScene(robot, (Parent) wizard.node(), 860, 600);
        model.loadHosts(null);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.hosts().size() >= 4);
        Button next = robot.lookup("#wizard-next").queryButton();
        assertThat(next.isDisabled()).isTrue();
        HostChoice demo = model.hosts().stream().filter(HostChoice::demo).findFirst().orElseThrow();
        robot.interact(() -> demo.selectedProperty().set(true));
        assertThat(model.selectedHosts()).isEmpty();
        assertThat(next.isDisabled()).as("a demo host is never a target").isTrue();
        assertThat(demo.selectedProperty().get()).isFalse();
        assertThat(robot.lookup("#wizard-status").queryAs(Label.class).getText()).contains("demo host", "lab up");
        HostChoice mine = model.hosts().stream().filter(c -> c.host().name().equals(h1)).findFirst().orElseThrow();
        robot.interact(() -> mine.selectedProperty().set(true));
        snapshot(robot, wizard.node(), "1-hosts");
        robot.clickOn("#wizard-next");

        assertThat(title(robot)).isEqualTo("Steps and options");
        robot.clickOn("#harden-step-apparmor"); // a step can be left out: it is then neither planned nor applied
        assertThat(model.selectedSteps()).doesNotContain(org.clusterdeck.harden.HardenStep.APPARMOR).isNotEmpty();
        TextField guard = robot.lookup("#harden-guard").query();
        robot.interact(() -> guard.setText(""));
        robot.clickOn(guard).write("5");
        WaitForAsyncUtils.waitForFxEvents();
        Label error = robot.lookup("#harden-guard-error").query();
        assertThat(error.isVisible()).isTrue();
        assertThat(error.getText()).contains("at least 10 s");
        assertThat(guard.getText()).isEqualTo("5");
        assertThat(next.isDisabled()).isTrue();
        snapshot(robot, wizard.node(), "2-steps-error");
        robot.interact(() -> guard.setText("12"));
        assertThat(error.isVisible()).isFalse();
        assertThat(next.getText()).isEqualTo("Preview");
        robot.clickOn("#wizard-next");

        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !model.busyProperty().get() && !model.planRows().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(title(robot)).isEqualTo("Preview");
        TableView<PlanRow> plan = robot.lookup("#harden-plan").queryTableView();
        assertThat(plan.getItems()).extracting(PlanRow::host).containsOnly(h1);
        assertThat(plan.getItems()).extracting(PlanRow::step).doesNotContain(org.clusterdeck.harden.HardenStep.APPARMOR);
        PlanRow shown = model.selectedPlanProperty().get();
        assertThat(shown.plan().changes()).isNotEmpty();
        TextArea commands = robot.lookup("#harden-commands").query();
        assertThat(commands.getText()).contains(shown.plan().preview().get(0));
        assertThat(commands.isEditable()).isFalse();
        assertThat(robot.lookup(".cd-warning").queryAll()).hasSize(shown.plan().warnings().size());
        assertThat(next.getText()).isEqualTo("Apply");
        snapshot(robot, wizard.node(), "3-preview");

        robot.clickOn("#wizard-next");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !model.busyProperty().get() && !model.runs().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.runs()).singleElement().satisfies(r -> assertThat(r.resultProperty().get().ok())
                .as(r.statusProperty().get()).isTrue());
        snapshot(robot, wizard.node(), "4-apply");
        robot.clickOn("#wizard-next");
        assertThat(title(robot)).isEqualTo("Results and roll back");
        assertThat(next.getText()).isEqualTo("Finish");
        assertThat(next.isDisabled()).isTrue();
        TableView<ChangeRow> changes = robot.lookup("#harden-changes").queryTableView();
        assertThat(changes.getItems()).isNotEmpty().allSatisfy(c -> assertThat(c.change().state()).isEqualTo(ChangeSet.APPLIED));
        assertThat(robot.lookup("#harden-checks").queryTableView().getItems()).isNotEmpty();
        snapshot(robot, wizard.node(), "5-results");

        dialogs.answering(true);
        robot.interact(() -> changes.getSelectionModel().select(0));
        robot.clickOn("#harden-rollback-step");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !model.busyProperty().get()
                && ChangeSet.ROLLED_BACK.equals(changes.getItems().get(0).change().state()));
        assertThat(dialogs.confirmations).singleElement().satisfies(c -> assertThat(c.actionLabel()).isEqualTo("Roll back"));

        robot.clickOn("#harden-rollback-run");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !model.busyProperty().get()
                && changes.getItems().stream().allMatch(c -> ChangeSet.ROLLED_BACK.equals(c.change().state())));
        assertThat(dialogs.confirmations).hasSize(2);
    }

    @Test
    void theDiagramShowsTheShieldAndTheDetailsListTheHardening(FxRobot robot, LabHosts lab) throws Exception {
        String h1 = lab.host(1).name();
        // a real hardening run on the lab host, through the model as the wizard runs it
        HardenWizardModel model = new HardenWizardModel(new UiContext(harden.store, jobs, services.events(), Runnable::run),
                harden.service, harden.engine, harden.access::open, dialogs);
        model.loadHosts(h1).join();
        model.next().join();
        model.next().join();
        model.next().join();
        assertThat(model.changes()).isNotEmpty().allSatisfy(c -> assertThat(c.change().state()).isEqualTo(ChangeSet.APPLIED));
        long changeId = model.changes().get(0).id();

        AtomicReference<MainView> main = new AtomicReference<>();
        robot.interact(() -> main.set(new MainView(ctx, org.clusterdeck.ui.app.Features.all(ctx))));
        showScene(robot, main.get(), 1280, 720);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> main.get().viewModel().snapshotProperty().get() != null);
        Host host = harden.store.hosts().findByName(h1).orElseThrow();
        robot.interact(() -> main.get().viewModel().selectionProperty().set(new InventoryItem(InventoryItem.Kind.HOST,
                host.id(), host.name(), host)));
        TopologyView topology = robot.lookup(n -> n instanceof TopologyView).query();
        DiagramNodeRef ref = DiagramNodeRef.host(host.id());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> {
            DiagramLayout l = topology.viewModel().layoutProperty().get();
            return l != null && l.graph().contains(ref) && !l.graph().node(ref).badges().isEmpty();
        });
        Badge shield = topology.viewModel().layoutProperty().get().graph().node(ref).badges().get(0);
        assertThat(shield.icon()).isEqualTo(Badge.Icon.SHIELD);
        assertThat(shield.text()).isIn("partly hardened", "hardened");
        assertThat(shield.describe()).contains("change #" + changeId);

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#details-hardening-steps").tryQuery().isPresent());
        Node steps = robot.lookup("#details-hardening-steps").query();
        assertThat(robot.from(steps).lookup(".label").queryAllAs(Label.class)).extracting(Label::getText)
                .anySatisfy(t -> assertThat(t).contains("change #" + changeId, "applied"));
        assertThat(robot.lookup("#details-hardening-level").queryAs(Label.class).getText()).containsIgnoringCase("hardened");
        snapshot(robot, main.get(), "6-main-window");

        // the wizard's roll back tells the window, and the shield follows
        dialogs.answering(true);
        model.rollbackRun().join();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> "not hardened".equals(
                topology.viewModel().layoutProperty().get().graph().node(ref).badges().get(0).text()));
    }

    private static String title(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup("#wizard-step-title").queryAs(Label.class).getText();
    }

    /**
     * Checks that the page shows all its text (nothing cut to "…" without its whole text on hover) and,
     * with -Dclusterdeck.snapshots=DIR, writes what the window shows (for reviewing the layout).
     */
    private static void snapshot(FxRobot robot, Node node, String name) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        AtomicReference<java.util.List<String>> problems = new AtomicReference<>();
        robot.interact(() -> problems.set(org.clusterdeck.ui.TextCheck.problems(node.getScene())));
        assertThat(problems.get()).as(name + ": text elided, cut or outside the window").isEmpty();
        String dir = System.getProperty("clusterdeck.snapshots");
        if (dir == null) {
            return;
        }
        AtomicReference<WritableImage> img = new AtomicReference<>();
        robot.interact(() -> img.set(node.getScene().snapshot(null)));
        javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(img.get(), null), "png",
                Path.of(dir, "harden-" + name + ".png").toFile());
    }
}
