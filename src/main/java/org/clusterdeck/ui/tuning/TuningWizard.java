package org.clusterdeck.ui.tuning;

import java.util.EnumMap;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.clusterdeck.model.Host;
import org.clusterdeck.tuning.HostShells;
import org.clusterdeck.ui.UiContext;
import org.clusterdeck.ui.tuning.TuningWizardModel.Step;

/**
 * The kernel tuning wizard window: one page per step over one shared {@link TuningWizardModel}.
 * Open it with {@link #show(Window, UiContext, HostShells, Host)}.
 */
public final class TuningWizard {
    private static final Map<Step, String> TITLES = new EnumMap<>(Map.of(
            Step.HOSTS, "1. Hosts", Step.SOURCE, "2. Settings", Step.VALIDATION, "3. Validation",
            Step.PREVIEW, "4. Preview", Step.APPLY, "5. Apply", Step.VERIFY, "6. Verify and roll back"));

    private final TuningWizardModel model;
    private final BorderPane root = new BorderPane();
    private final Map<Step, Node> pages = new EnumMap<>(Step.class);

    public TuningWizard(TuningWizardModel model) {
        this.model = model;
        pages.put(Step.HOSTS, new HostsStep(model).node());
        pages.put(Step.SOURCE, new SourceStep(model).node());
        pages.put(Step.VALIDATION, new ValidationStep(model).node());
        pages.put(Step.PREVIEW, new PreviewStep(model).node());
        pages.put(Step.APPLY, new ApplyStep(model).node());
        pages.put(Step.VERIFY, new VerifyStep(model).node());

        Label title = new Label();
        title.getStyleClass().add("title-3");
        title.setId("tuning-step-title");
        Button back = new Button("Back");
        back.setId("tuning-back");
        Button next = new Button("Next");
        next.setId("tuning-next");
        next.setDefaultButton(true);
        Button close = new Button("Close");
        close.setId("tuning-close");
        close.setCancelButton(true);
        close.setOnAction(e -> root.getScene().getWindow().hide());
        back.setOnAction(e -> model.back());
        next.setOnAction(e -> model.next());
        next.disableProperty().bind(model.canNextProperty().not());
        Label status = new Label();
        status.setId("tuning-status");
        status.textProperty().bind(model.statusProperty());
        status.setWrapText(true);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox buttons = new HBox(8, status, gap, back, next, close);
        buttons.setPadding(new Insets(10, 0, 0, 0));

        Runnable showStep = () -> {
            Step s = model.stepProperty().get();
            title.setText(TITLES.get(s));
            root.setCenter(pages.get(s));
            back.setDisable(s != Step.SOURCE && s != Step.VALIDATION && s != Step.PREVIEW);
            next.setText(switch (s) {
                case PREVIEW -> model.dryRunProperty().get() ? "Dry run" : "Apply";
                case APPLY -> "Results";
                default -> "Next";
            });
        };
        model.stepProperty().addListener((o, a, b) -> showStep.run());
        model.dryRunProperty().addListener((o, a, b) -> showStep.run());
        showStep.run();
        root.setTop(title);
        root.setBottom(buttons);
        root.setPadding(new Insets(14));
        BorderPane.setMargin(title, new Insets(0, 0, 10, 0));
    }

    public Node node() {
        return root;
    }

    public TuningWizardModel model() {
        return model;
    }

    /**
     * Opens the wizard as a window over {@code owner}.
     *
     * @param preselected a host to tick on the first page, or null
     */
    public static TuningWizard show(Window owner, UiContext ctx, Host preselected) {
        TuningWizardModel model = new TuningWizardModel(ctx, ctx.services().tuning());
        TuningWizard wizard = new TuningWizard(model);
        Stage stage = new Stage();
        stage.setTitle("Kernel tuning");
        if (owner != null) {
            stage.initOwner(owner);
            stage.initModality(Modality.NONE);
        }
        stage.setScene(new Scene((BorderPane) wizard.node(), 980, 640));
        stage.show();
        model.loadHosts(preselected == null ? null : preselected.name());
        return wizard;
    }
}
