package org.clusterdeck.ui.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.clusterdeck.inventory.InventoryEvents;
import org.clusterdeck.job.JobRunner;
import org.clusterdeck.lab.LabExtension;
import org.clusterdeck.lab.LabHosts;
import org.clusterdeck.lab.LabSize;
import org.clusterdeck.model.Host;
import org.clusterdeck.model.SiteKind;
import org.clusterdeck.remote.KnownHosts;
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

/** The SSH check dialog against a real lab host: first connection asks about the key, then all steps pass. */
@ExtendWith({LabExtension.class, ApplicationExtension.class})
@LabSize(1)
class SshCheckDialogTest {
    @TempDir
    Path dir;
    private Stage stage;
    private Store store;
    private JobRunner jobs;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new StackPane(), 400, 300));
        stage.sizeToScene(); // TestFX shares one stage between test classes: drop an earlier class's size
        stage.show();
    }

    @AfterEach
    void close() {
        if (jobs != null) {
            jobs.close();
            store.close();
        }
    }

    @Test
    void firstCheckAsksToTrustTheKeyThenPasses(FxRobot robot, LabHosts lab) throws Exception {
        store = Store.inMemory("sshcheck-" + System.nanoTime());
        jobs = new JobRunner(store.jobs(), 2);
        var site = store.sites().insert("Local lab", SiteKind.LAB, null);
        Host host = store.hosts().insert(new Host(0, site.id(), "lab1", lab.host(1).address(), 22, "root",
                lab.privateKey().toString(), null, "web", null, null, null, null, null));
        UiContext ctx = new UiContext(store, jobs, new InventoryEvents(), Platform::runLater);
        KnownHosts fresh = new KnownHosts(dir.resolve("known_hosts"), null);

        robot.interact(() -> SshCheckDialog.show(stage, ctx, fresh, host));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#host-key-trust")
                .match(javafx.scene.Node::isVisible).tryQuery()
                .map(n -> n.getScene() != null && n.getScene().getWindow().isShowing()).orElse(false));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#host-key-fingerprint").queryAs(TextField.class).getText())
                .isEqualTo(lab.host(1).hostKeyFingerprint());
        robot.clickOn("#host-key-trust");
        Label summary = robot.lookup("#ssh-check-summary").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> summary.getText().contains("all checks passed"));
        assertThat(fresh.check(lab.host(1).address(), 22, lab.host(1).hostKey()).status())
                .isEqualTo(KnownHosts.Status.KNOWN);
        assertThat(store.audit().findByTarget("host", "lab1")).extracting(a -> a.after())
                .anyMatch(a -> a.startsWith("uname -srm"));
    }
}
