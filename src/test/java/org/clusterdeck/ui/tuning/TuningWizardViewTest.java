package org.clusterdeck.ui.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.clusterdeck.inventory.InventoryEvents;
import org.clusterdeck.job.JobRunner;
import org.clusterdeck.model.Host;
import org.clusterdeck.model.SiteKind;
import org.clusterdeck.remote.HostKeyDecision;
import org.clusterdeck.remote.KnownHosts;
import org.clusterdeck.remote.RemoteAccess;
import org.clusterdeck.remote.RemoteSessions;
import org.clusterdeck.remote.SecretPrompt;
import org.clusterdeck.remote.SshOptions;
import org.clusterdeck.store.DemoInventory;
import org.clusterdeck.store.Store;
import org.clusterdeck.tuning.SysctlCatalog;
import org.clusterdeck.tuning.TuningJobs;
import org.clusterdeck.tuning.TuningService;
import org.clusterdeck.ui.UiContext;
import org.clusterdeck.ui.tuning.TuningRows.HostChoice;
import org.clusterdeck.ui.tuning.TuningRows.IssueRow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The wizard window driven by the robot: demo hosts cannot be chosen, pasted text is checked as
 * it is typed, suggestions rewrite it, and a host that cannot be reached blocks the apply with a
 * clear row. (The full apply/verify/rollback flow runs on lab hosts in TuningWizardModelTest.)
 */
@ExtendWith(ApplicationExtension.class)
class TuningWizardViewTest {
    private Store store;
    private JobRunner jobs;
    private RemoteSessions sessions;
    private TuningWizard wizard;

    @Start
    void start(Stage stage) throws Exception {
        org.clusterdeck.ui.common.Theme.LIGHT.apply();
        store = Store.inMemory("tuning-wizard-view");
        DemoInventory.seedIfEmpty(store);
        long site = store.sites().insert("Office", SiteKind.REAL, null).id();
        // port 1 on loopback: nothing listens, so the connection is refused at once (and stays on this machine)
        Host h = Host.draft(site, "web-closed", "127.0.0.1");
        store.hosts().insert(new Host(0, site, h.name(), h.address(), 1, "root", null, null, "web", null, null, null, null, null));
        jobs = new JobRunner(store.jobs(), 2);
        Path known = Files.createTempFile("tuning-view-known", "");
        sessions = new RemoteSessions(new KnownHosts(known, null), HostKeyDecision.REJECT, SecretPrompt.NONE, SshOptions.DEFAULTS);
        UiContext ctx = new UiContext(store, jobs, new InventoryEvents(), Platform::runLater);
        wizard = new TuningWizard(new TuningWizardModel(ctx, new TuningJobs(store,
                new TuningService(store, SysctlCatalog.load(), "test"), new RemoteAccess(store, sessions, "test")::open,
                org.clusterdeck.change.ChangeEngine.create(store, "test"), true),
                new org.clusterdeck.ui.common.RecordingDialogs()));
        stage.setScene(new Scene((javafx.scene.Parent) wizard.node(), 1000, 650));
        stage.sizeToScene(); // TestFX shares one stage between test classes: drop an earlier class's size
        stage.show();
        wizard.model().loadHosts(null);
    }

    @AfterEach
    void close() {
        sessions.close();
        jobs.close();
        store.close();
    }

    @Test
    void pastedSourceIsCheckedFixedAndAnUnreachableHostBlocksTheApply(FxRobot robot) throws Exception {
        TuningWizardModel model = wizard.model();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.hosts().size() == 4);
        Button next = robot.lookup("#wizard-next").queryButton();
        assertThat(next.isDisabled()).isTrue();
        HostChoice demo = model.hosts().stream().filter(HostChoice::demo).findFirst().orElseThrow();
        robot.interact(() -> demo.selectedProperty().set(true));
        assertThat(model.selectedHosts()).isEmpty();
        assertThat(next.isDisabled()).as("a demo host is never a target").isTrue();
        HostChoice closed = model.hosts().stream().filter(c -> c.host().name().equals("web-closed")).findFirst().orElseThrow();
        robot.interact(() -> closed.selectedProperty().set(true));
        robot.clickOn("#wizard-next");

        robot.clickOn("#tuning-source-text");
        TextArea text = robot.lookup("#tuning-text").query();
        robot.interact(() -> text.setText(PlanValidatorSource.LINE));
        Label live = robot.lookup("#tuning-text-check").query();
        assertThat(live.getText()).startsWith("4 error(s), 1 warning(s)");
        robot.clickOn("#wizard-next");

        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !model.busyProperty().get()
                && model.issues().stream().anyMatch(i -> i.where().equals("web-closed")));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#wizard-step-title").queryAs(Label.class).getText()).isEqualTo("Validation");
        TableView<IssueRow> issues = robot.lookup("#tuning-issues").queryTableView();
        assertThat(issues.getItems()).filteredOn(i -> i.issue().isError()).extracting(i -> i.issue().key())
                .contains("net.ipv4.tcp_max_orphaned", "vm.nr_overcommit_memory", "vm.panic_on_overshoot", "vm.panic_on_overcommit");
        assertThat(issues.getItems()).filteredOn(i -> i.where().equals("web-closed")).singleElement()
                .satisfies(i -> assertThat(i.issue().message()).startsWith("cannot read the host"));
        assertThat(next.isDisabled()).isTrue();
        snapshot(robot, "validation");

        robot.clickOn("#tuning-apply-suggestions");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !model.busyProperty().get()
                && model.issues().stream().anyMatch(i -> i.where().equals("web-closed")));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text.getText()).contains("net.ipv4.tcp_max_orphans=10000", "vm.panic_on_oom=0");
        assertThat(issues.getItems()).filteredOn(i -> i.issue().isError()).extracting(IssueRow::where).containsOnly("web-closed");
        assertThat(next.isDisabled()).as("the unreachable host still blocks the apply").isTrue();
    }

    /** With -Dclusterdeck.snapshots=DIR, writes what the window shows (for reviewing the layout). */
    private void snapshot(FxRobot robot, String name) throws Exception {
        String dir = System.getProperty("clusterdeck.snapshots");
        if (dir == null) {
            return;
        }
        java.util.concurrent.atomic.AtomicReference<javafx.scene.image.WritableImage> img = new java.util.concurrent.atomic.AtomicReference<>();
        robot.interact(() -> img.set(wizard.node().snapshot(null, null)));
        javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(img.get(), null), "png",
                Path.of(dir, "tuning-" + name + ".png").toFile());
    }

    /** The source document's fragment, as printed there. */
    static final class PlanValidatorSource {
        static final String LINE = "# /etc/sysctl.conf net.core.somaxconn=1024 net.ipv4.ip_local_port_range=1024 65535 "
                + "net.ipv4.tcp_max_syn_backlog=4096 net.ipv4.tcp_max_orphaned=10000 # /etc/sysctl.d/99-vm.conf "
                + "vm.nr_overcommit_memory=1 vm.panic_on_overshoot=0 vm.panic_on_overcommit=0";
    }
}
