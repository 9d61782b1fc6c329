package org.clusterdeck.ui.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.TextField;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.clusterdeck.remote.RemoteException;
import org.clusterdeck.remote.SshTarget;
import org.clusterdeck.remote.UnknownHostKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Dialogs asked from a job thread: shown on the FX thread, answered by the robot, awaited off it. */
@ExtendWith(ApplicationExtension.class)
class FxRemotePromptsTest {
    private static final UnknownHostKey KEY = new UnknownHostKey("web7", "10.213.1.17", 2222, "ssh-ed25519",
            "SHA256:Zm9vYmFyYmF6cXV4cXV1eHF1dXpxdXV6cXV1enF1dXo");
    private Stage stage;
    private FxRemotePrompts prompts;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new StackPane(), 400, 300));
        stage.sizeToScene(); // TestFX shares one stage between test classes: drop an earlier class's size
        stage.show();
        prompts = new FxRemotePrompts(Platform::runLater, () -> this.stage);
    }

    private static <T> CompletableFuture<T> onJobThread(java.util.function.Supplier<T> work) {
        return CompletableFuture.supplyAsync(work);
    }

    private void awaitDialog(FxRobot robot, String id) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(id).match(javafx.scene.Node::isVisible)
                .tryQuery().map(n -> n.getScene() != null && n.getScene().getWindow().isShowing()).orElse(false));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void hostKeyDialogShowsTheFingerprintAndTrustReturnsTrue(FxRobot robot) throws Exception {
        CompletableFuture<Boolean> answer = onJobThread(() -> prompts.trust(KEY));
        awaitDialog(robot, "#host-key-dialog");
        assertThat(robot.lookup("#host-key-fingerprint").queryAs(TextField.class).getText()).isEqualTo(KEY.fingerprint());
        assertThat(robot.lookup("#host-key-address").queryAs(TextField.class).getText()).isEqualTo("10.213.1.17:2222");
        assertThat(robot.lookup("#host-key-type").queryAs(TextField.class).getText()).isEqualTo("ssh-ed25519");
        assertThat(answer).isNotDone();
        robot.clickOn("#host-key-trust");
        assertThat(answer.get(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void rejectingOrPressingEnterDoesNotTrust(FxRobot robot) throws Exception {
        CompletableFuture<Boolean> answer = onJobThread(() -> prompts.trust(KEY));
        awaitDialog(robot, "#host-key-dialog");
        robot.clickOn("#host-key-reject");
        assertThat(answer.get(5, TimeUnit.SECONDS)).isFalse();

        CompletableFuture<Boolean> enter = onJobThread(() -> prompts.trust(KEY));
        awaitDialog(robot, "#host-key-dialog");
        robot.type(javafx.scene.input.KeyCode.ENTER);
        assertThat(enter.get(5, TimeUnit.SECONDS)).isFalse();
    }

    @Test
    void passphraseIsHandedOverOnceAndTheFieldCleared(FxRobot robot) throws Exception {
        CompletableFuture<char[]> answer = onJobThread(() -> prompts.passphrase("/home/u/.ssh/id_ed25519", 1));
        awaitDialog(robot, "#secret-dialog");
        robot.clickOn("#secret-field").write("open sesame");
        robot.clickOn("#secret-ok");
        assertThat(new String(answer.get(5, TimeUnit.SECONDS))).isEqualTo("open sesame");

        CompletableFuture<char[]> cancelled = onJobThread(() -> prompts.password(
                new SshTarget("h", "10.213.1.11", 22, "root", null, SshTarget.Auth.PASSWORD)));
        awaitDialog(robot, "#secret-dialog");
        robot.clickOn("Cancel");
        assertThat(cancelled.get(5, TimeUnit.SECONDS)).isNull();
    }

    @Test
    void askingFromTheFxThreadIsRefusedInsteadOfFreezing() throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        WaitForAsyncUtils.asyncFx(() -> {
            try {
                prompts.trust(KEY);
            } catch (Throwable t) {
                failure.set(t);
            }
        }).get(5, TimeUnit.SECONDS);
        assertThat(failure.get()).isInstanceOf(IllegalStateException.class).hasMessageContaining("job thread");
    }

    @Test
    void cancellingTheJobClosesTheDialog(FxRobot robot) throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread job = new Thread(() -> {
            try {
                prompts.trust(KEY);
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        job.start();
        awaitDialog(robot, "#host-key-dialog");
        job.interrupt();
        job.join(5000);
        assertThat(failure.get()).isInstanceOf(RemoteException.class).hasMessageContaining("Cancelled");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#host-key-dialog")
                .match(javafx.scene.Node::isVisible).tryQuery().isEmpty());
    }
}
