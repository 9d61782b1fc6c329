package org.clusterdeck.ui.common.wizard;

import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableIntegerValue;
import javafx.beans.value.ObservableStringValue;

/** Step after step; Next on the last step is "Finish" and runs the finish action once. */
public final class LinearFlow implements WizardFlow {
    private final List<WizardStep> steps;
    private final ReadOnlyIntegerWrapper index = new ReadOnlyIntegerWrapper(0);
    private final SimpleBooleanProperty done = new SimpleBooleanProperty(false);
    private final BooleanBinding canNext;
    private final Runnable onFinish;

    public LinearFlow(List<WizardStep> steps, Runnable onFinish) {
        this.steps = List.copyOf(steps);
        this.onFinish = onFinish;
        canNext = Bindings.createBooleanBinding(() -> !done.get() && steps.get(index.get()).canNext().get(),
                dependencies());
    }

    private javafx.beans.Observable[] dependencies() {
        javafx.beans.Observable[] deps = new javafx.beans.Observable[steps.size() + 2];
        deps[0] = index;
        deps[1] = done;
        for (int i = 0; i < steps.size(); i++) {
            deps[i + 2] = steps.get(i).canNext();
        }
        return deps;
    }

    @Override
    public ObservableIntegerValue index() {
        return index.getReadOnlyProperty();
    }

    @Override
    public ObservableBooleanValue canNext() {
        return canNext;
    }

    @Override
    public ObservableBooleanValue canBack() {
        return index.greaterThan(0).and(done.not());
    }

    @Override
    public ObservableStringValue nextText() {
        return Bindings.when(index.isEqualTo(steps.size() - 1)).then("Finish").otherwise("Next");
    }

    @Override
    public void next() {
        if (!canNext.get()) {
            return;
        }
        if (index.get() == steps.size() - 1) {
            done.set(true);
            onFinish.run();
        } else {
            index.set(index.get() + 1);
        }
    }

    @Override
    public void back() {
        if (index.get() > 0 && !done.get()) {
            index.set(index.get() - 1);
        }
    }

    @Override
    public ObservableBooleanValue done() {
        return done;
    }
}
