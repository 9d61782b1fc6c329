package org.clusterdeck.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.clusterdeck.ui.TextCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A form squeezed into a narrow window keeps every label and button whole; fields and hints give way. */
@ExtendWith(ApplicationExtension.class)
class FormsTest {
    private TextField memory;
    private Label hint;
    private GridPane form;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Theme.LIGHT.apply();
        memory = new TextField("2048");
        hint = Forms.hint("A cloud image needs at least 512 MiB; the host keeps 1 GiB for itself and refuses more.");
        form = Forms.form()
                .row("Name", new TextField("web1"))
                .row("Memory of the virtual machine", memory, "MiB")
                .span(hint)
                .build();
        HBox buttons = new HBox(8, Forms.button("Compare with the previous run", e -> { }),
                Forms.button("Export JSON", e -> { }));
        stage.setScene(new Scene(new VBox(10, form, buttons), 260, 300));
        stage.sizeToScene(); // TestFX shares one stage between test classes: drop an earlier class's size
        stage.getScene().getStylesheets().add(Theme.APP_CSS);
        stage.show();
    }

    @Test
    void narrowWindowCutsNoLabelOrButton(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            // the window is narrower than label + button texts: they stay whole and overflow
            // (so the window check below is expected to name only what lies beyond the right edge)
            assertThat(TextCheck.problems(stage.getScene())).noneMatch(p -> p.startsWith("elided"));
            Label memoryLabel = (Label) form.getChildren().stream()
                    .filter(n -> n instanceof Label l && "Memory of the virtual machine".equals(l.getText()))
                    .findFirst().orElseThrow();
            assertThat(memoryLabel.getWidth()).isGreaterThanOrEqualTo(memoryLabel.prefWidth(-1) - 0.5);
            assertThat(memoryLabel.getLabelFor()).isSameAs(memory);
        });
    }

    @Test
    void wideWindowGrowsFieldsAndTheHintWrapsWhenNarrow(FxRobot robot) {
        robot.interact(() -> stage.setWidth(900));
        WaitForAsyncUtils.waitForFxEvents();
        double wide = memory.getWidth();
        robot.interact(() -> {
            assertThat(TextCheck.problems(stage.getScene())).isEmpty();
            stage.setWidth(480);
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            assertThat(memory.getWidth()).isLessThan(wide);
            assertThat(hint.getHeight()).as("the hint wraps onto more lines").isGreaterThan(hint.getFont().getSize() * 2);
            assertThat(TextCheck.problems(stage.getScene())).isEmpty();
        });
    }
}
