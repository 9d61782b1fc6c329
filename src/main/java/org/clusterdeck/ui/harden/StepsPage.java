package org.clusterdeck.ui.harden;

import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.clusterdeck.ui.common.Forms;
import org.clusterdeck.ui.harden.HardenRows.OptionRow;
import org.clusterdeck.ui.harden.HardenRows.StepChoice;

/** Page 2: the steps, the guard window and the steps' options. */
final class StepsPage {
    private final VBox root;

    StepsPage(HardenWizardModel model) {
        FlowPane ticks = new FlowPane(18, 8);
        for (StepChoice c : model.steps()) {
            CheckBox box = new CheckBox(c.available() ? c.step().label() : c.step().label() + " (not in this build)");
            box.setId("harden-step-" + c.step().id());
            box.selectedProperty().bindBidirectional(c.selectedProperty());
            box.setDisable(!c.available());
            box.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            box.setTooltip(new javafx.scene.control.Tooltip(c.step().description()));
            ticks.getChildren().add(box);
        }
        TextField guard = new TextField();
        guard.setId("harden-guard");
        guard.setPrefColumnCount(6);
        guard.textProperty().bindBidirectional(model.guardTextProperty());

        Forms.Builder form = Forms.form()
                .span(ticks)
                .row("Guard window", guard, "s")
                .error(model.guardErrorProperty(), "harden-guard-error")
                .hint("Firewall and SSH steps are guarded: if a new SSH login fails after the step, the host puts its "
                        + "previous state back by itself after this many seconds (at least 10).");
        Forms.Builder opts = Forms.form();
        for (OptionRow o : model.options()) {
            opts.row(o.label(), field(model, o)).hint(o.hint());
        }
        javafx.scene.control.Label heading = new javafx.scene.control.Label("Step options (blank: the step's default; "
                + "each step checks its values and names a wrong one in the preview)");
        heading.setStyle("-fx-font-weight: bold;");
        heading.setWrapText(true);
        heading.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        root = new VBox(10, form.build(), heading, opts.build());
    }

    private static Control field(HardenWizardModel model, OptionRow o) {
        Control field;
        if (o.choices().isEmpty()) {
            TextField t = new TextField();
            t.textProperty().bindBidirectional(o.valueProperty());
            t.setPromptText("step default");
            field = t;
        } else {
            ComboBox<String> c = new ComboBox<>();
            c.getItems().setAll(o.choices());
            c.setConverter(new StringConverter<>() {
                @Override
                public String toString(String s) {
                    return s == null || s.isEmpty() ? "step default" : s;
                }

                @Override
                public String fromString(String s) {
                    return s;
                }
            });
            c.valueProperty().bindBidirectional(o.valueProperty());
            field = c;
        }
        field.setId("harden-option-" + o.name().replace('.', '-'));
        StepChoice step = model.steps().stream().filter(s -> s.step() == o.step()).findFirst().orElseThrow();
        field.disableProperty().bind(Bindings.not(step.selectedProperty()));
        return field;
    }

    Node node() {
        return root;
    }
}
