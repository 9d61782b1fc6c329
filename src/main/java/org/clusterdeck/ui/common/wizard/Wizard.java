package org.clusterdeck.ui.common.wizard;

import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.clusterdeck.ui.common.Forms;
import org.clusterdeck.ui.common.Theme;

/**
 * The one wizard shape: a header with the step's title and "Step n of m", the step's page
 * (scrolling when taller than the window), a status line, and Back / Next (or Finish) / Cancel.
 * The window has a fixed size chosen when it opens, so the buttons never move between steps.
 *
 * <pre>{@code
 * Wizard w = new Wizard("New virtual machine", steps, new LinearFlow(steps, this::finish));
 * w.show(owner);
 * }</pre>
 */
public final class Wizard {
    /** Fits a 1280×720 screen with room for the window's title bar and the desktop's panels. */
    public static final double WIDTH = 860;
    public static final double HEIGHT = 600;

    private final String title;
    private final List<WizardStep> steps;
    private final WizardFlow flow;
    private final BorderPane root = new BorderPane();
    private final ScrollPane page = new ScrollPane();
    private final StringProperty status = new SimpleStringProperty("");
    private final Button back = Forms.button("Back", e -> { });
    private final Button next = Forms.button("Next", e -> { });
    private final Button close = Forms.button("Cancel", e -> { });
    private Stage stage;

    public Wizard(String title, List<WizardStep> steps, WizardFlow flow) {
        this.title = title;
        this.steps = List.copyOf(steps);
        this.flow = flow;
        root.getStyleClass().add("cd-wizard");
        root.setId("wizard");
        Label stepTitle = new Label();
        stepTitle.setId("wizard-step-title");
        stepTitle.getStyleClass().add("title-3");
        stepTitle.setWrapText(true);
        Label counter = new Label();
        counter.setId("wizard-step-counter");
        counter.getStyleClass().add("text-muted");
        counter.setMinWidth(Region.USE_PREF_SIZE);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox header = new HBox(10, stepTitle, gap, counter);
        header.setAlignment(Pos.BASELINE_LEFT);
        header.setPadding(new Insets(14, 16, 10, 16));

        page.setFitToWidth(true);
        page.setFitToHeight(true);
        page.setPadding(new Insets(4, 16, 4, 16));
        page.getStyleClass().add("edge-to-edge");

        back.setId("wizard-back");
        next.setId("wizard-next");
        close.setId("wizard-cancel");
        next.setDefaultButton(true);
        close.setCancelButton(true);
        back.setOnAction(e -> flow.back());
        next.setOnAction(e -> flow.next());
        close.setOnAction(e -> {
            if (stage != null) {
                stage.close();
            }
        });
        back.disableProperty().bind(Bindings.not(flow.canBack()));
        next.disableProperty().bind(Bindings.not(flow.canNext()));
        next.textProperty().bind(flow.nextText());
        close.textProperty().bind(Bindings.when(flow.done()).then("Close").otherwise("Cancel"));
        Label statusLine = new Label();
        statusLine.setId("wizard-status");
        statusLine.textProperty().bind(status);
        statusLine.setWrapText(true);
        statusLine.setMinWidth(0);
        statusLine.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(statusLine, Priority.ALWAYS);
        HBox buttons = new HBox(8, statusLine, back, next, close);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        buttons.setPadding(new Insets(10, 16, 14, 16));

        root.setTop(header);
        root.setCenter(page);
        root.setBottom(new VBox(buttons));
        Runnable show = () -> {
            int i = flow.index().get();
            WizardStep s = this.steps.get(i);
            stepTitle.setText(s.title());
            counter.setText("Step " + (i + 1) + " of " + this.steps.size());
            page.setContent(s.content());
            s.onEnter();
        };
        flow.index().addListener((o, a, b) -> show.run());
        show.run();
    }

    /** A line left of the buttons: what the wizard is doing, or why Next waits. */
    public StringProperty statusProperty() {
        return status;
    }

    public Parent node() {
        return root;
    }

    public WizardFlow flow() {
        return flow;
    }

    public WizardStep current() {
        return steps.get(flow.index().get());
    }

    /** Opens the wizard in its own window over {@code owner} (not blocking). */
    public Stage show(Window owner) {
        stage = new Stage();
        stage.setTitle(title);
        if (owner != null) {
            stage.initOwner(owner);
            stage.initModality(Modality.NONE);
        }
        Scene scene = new Scene(root, WIDTH, HEIGHT);
        scene.getStylesheets().add(Theme.APP_CSS);
        stage.setScene(scene);
        stage.setMinWidth(560);
        stage.setMinHeight(420);
        stage.show();
        return stage;
    }

    public Stage stage() {
        return stage;
    }
}
