package org.clusterdeck.ui.harden;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableIntegerValue;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.Node;
import javafx.stage.Window;
import org.clusterdeck.model.Host;
import org.clusterdeck.ui.UiContext;
import org.clusterdeck.ui.common.FxDialogs;
import org.clusterdeck.ui.common.wizard.Wizard;
import org.clusterdeck.ui.common.wizard.WizardFlow;
import org.clusterdeck.ui.common.wizard.WizardStep;
import org.clusterdeck.ui.harden.HardenWizardModel.Page;

/**
 * The hardening wizard window: hosts and roles, steps and options, preview, apply, results — one
 * page each over one {@link HardenWizardModel}, in the common {@link Wizard} shape. Work runs
 * between pages, so the flow follows the model. Open it with {@link #show(Window, UiContext, Host)}.
 */
public final class HardenWizard {
    private final HardenWizardModel model;
    private final Wizard wizard;

    public HardenWizard(HardenWizardModel model) {
        this.model = model;
        List<WizardStep> pages = List.of(
                new WizardStep("harden-page-hosts", "Hosts and roles", new HostsPage(model).node(), null),
                new WizardStep("harden-page-steps", "Steps and options", new StepsPage(model).node(), null),
                new WizardStep("harden-page-preview", "Preview", new PreviewPage(model).node(), null),
                new WizardStep("harden-page-apply", "Apply", new ApplyPage(model).node(), null),
                new WizardStep("harden-page-results", "Results and roll back", new ResultsPage(model).node(), null));
        wizard = new Wizard("Harden hosts", pages, new Flow(model));
        wizard.statusProperty().bind(model.statusProperty());
    }

    /** The model's page as the wizard's flow: Next runs the page's work, Back only before anything ran. */
    private static final class Flow implements WizardFlow {
        private final HardenWizardModel model;
        private final ReadOnlyIntegerWrapper index = new ReadOnlyIntegerWrapper();

        Flow(HardenWizardModel model) {
            this.model = model;
            index.bind(Bindings.createIntegerBinding(() -> model.pageProperty().get().ordinal(), model.pageProperty()));
        }

        @Override
        public ObservableIntegerValue index() {
            return index.getReadOnlyProperty();
        }

        @Override
        public ObservableBooleanValue canNext() {
            return model.canNextProperty();
        }

        @Override
        public ObservableBooleanValue canBack() {
            return Bindings.createBooleanBinding(() -> !model.busyProperty().get()
                            && (model.pageProperty().get() == Page.STEPS || model.pageProperty().get() == Page.PREVIEW),
                    model.pageProperty(), model.busyProperty());
        }

        @Override
        public ObservableStringValue nextText() {
            return Bindings.createStringBinding(() -> switch (model.pageProperty().get()) {
                case STEPS -> "Preview";
                case PREVIEW -> "Apply";
                case APPLY -> "Results";
                case RESULTS -> "Finish";
                default -> "Next";
            }, model.pageProperty());
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
            return model.pageProperty().isEqualTo(Page.RESULTS);
        }
    }

    public Node node() {
        return wizard.node();
    }

    public HardenWizardModel model() {
        return model;
    }

    public Wizard wizard() {
        return wizard;
    }

    /**
     * Opens the wizard as a window over {@code owner}.
     *
     * @param preselected a host to tick on the first page, or null
     */
    public static HardenWizard show(Window owner, UiContext ctx, Host preselected) {
        return show(owner, ctx, preselected, m -> { });
    }

    /**
     * Opens the wizard with {@code setup} applied to its model first (a finding's fix ticks its step
     * and fills in its options).
     */
    public static HardenWizard show(Window owner, UiContext ctx, Host preselected, java.util.function.Consumer<HardenWizardModel> setup) {
        AtomicReference<Window> self = new AtomicReference<>();
        var services = ctx.services();
        HardenWizardModel model = new HardenWizardModel(ctx, services.harden(), services.changes(),
                services.remoteAccess()::open, new FxDialogs(self::get));
        setup.accept(model);
        HardenWizard wizard = new HardenWizard(model);
        self.set(wizard.wizard.show(owner));
        model.loadHosts(preselected == null ? null : preselected.name());
        return wizard;
    }
}
