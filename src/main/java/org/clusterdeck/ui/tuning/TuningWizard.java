package org.clusterdeck.ui.tuning;

import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableIntegerValue;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.Node;
import javafx.stage.Window;
import org.clusterdeck.model.Host;
import org.clusterdeck.tuning.HostShells;
import org.clusterdeck.ui.UiContext;
import org.clusterdeck.ui.common.wizard.Wizard;
import org.clusterdeck.ui.common.wizard.WizardFlow;
import org.clusterdeck.ui.common.wizard.WizardStep;
import org.clusterdeck.ui.tuning.TuningWizardModel.Step;

/**
 * The kernel tuning wizard window: one page per step over one shared {@link TuningWizardModel},
 * in the common {@link Wizard} shape. The model decides the step (work runs between pages), so
 * the wizard's flow follows the model. Open it with {@link #show(Window, UiContext, HostShells, Host)}.
 */
public final class TuningWizard {
    private final TuningWizardModel model;
    private final Wizard wizard;

    public TuningWizard(TuningWizardModel model) {
        this.model = model;
        List<WizardStep> steps = List.of(
                new WizardStep("tuning-step-hosts", "Hosts", new HostsStep(model).node(), null),
                new WizardStep("tuning-step-source", "Settings", new SourceStep(model).node(), null),
                new WizardStep("tuning-step-validation", "Validation", new ValidationStep(model).node(), null),
                new WizardStep("tuning-step-preview", "Preview", new PreviewStep(model).node(), null),
                new WizardStep("tuning-step-apply", "Apply", new ApplyStep(model).node(), null),
                new WizardStep("tuning-step-verify", "Verify and roll back", new VerifyStep(model).node(), null));
        wizard = new Wizard("Kernel tuning", steps, new Flow(model));
        wizard.statusProperty().bind(model.statusProperty());
    }

    /** The model's step as the wizard's flow: Next runs the step's work, Back only where nothing ran yet. */
    private static final class Flow implements WizardFlow {
        private final TuningWizardModel model;
        private final ReadOnlyIntegerWrapper index = new ReadOnlyIntegerWrapper();

        Flow(TuningWizardModel model) {
            this.model = model;
            index.bind(Bindings.createIntegerBinding(() -> model.stepProperty().get().ordinal(), model.stepProperty()));
        }

        @Override
        public ObservableIntegerValue index() {
            return index.getReadOnlyProperty();
        }

        @Override
        public ObservableBooleanValue canNext() {
            return model.canNextProperty().and(model.stepProperty().isNotEqualTo(Step.VERIFY));
        }

        @Override
        public ObservableBooleanValue canBack() {
            return Bindings.createBooleanBinding(() -> {
                Step s = model.stepProperty().get();
                return !model.busyProperty().get() && (s == Step.SOURCE || s == Step.VALIDATION || s == Step.PREVIEW);
            }, model.stepProperty(), model.busyProperty());
        }

        @Override
        public ObservableStringValue nextText() {
            return Bindings.createStringBinding(() -> switch (model.stepProperty().get()) {
                case PREVIEW -> model.dryRunProperty().get() ? "Dry run" : "Apply";
                case APPLY -> "Results";
                default -> "Next";
            }, model.stepProperty(), model.dryRunProperty());
        }

        @Override
        public void next() {
            model.next();
        }

        @Override
        public void back() {
            model.back();
        }

        @Override
        public ObservableBooleanValue done() {
            return model.stepProperty().isEqualTo(Step.VERIFY);
        }
    }

    public Node node() {
        return wizard.node();
    }

    public TuningWizardModel model() {
        return model;
    }

    public Wizard wizard() {
        return wizard;
    }

    /**
     * Opens the wizard as a window over {@code owner}.
     *
     * @param shells      how to reach a host ({@code remoteAccess::open})
     * @param preselected a host to tick on the first page, or null
     */
    public static TuningWizard show(Window owner, UiContext ctx, HostShells shells, Host preselected) {
        java.util.concurrent.atomic.AtomicReference<Window> self = new java.util.concurrent.atomic.AtomicReference<>();
        TuningWizardModel model = new TuningWizardModel(ctx, shells, new org.clusterdeck.ui.common.FxDialogs(self::get));
        TuningWizard wizard = new TuningWizard(model);
        self.set(wizard.wizard.show(owner));
        model.loadHosts(preselected == null ? null : preselected.name());
        return wizard;
    }
}
