package org.clusterdeck.ui.common.wizard;

import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableIntegerValue;
import javafx.beans.value.ObservableStringValue;

/**
 * How a {@link Wizard} moves between its steps. {@link LinearFlow} is the usual one; a wizard
 * whose model decides the step (the tuning wizard: work runs between pages) supplies its own.
 */
public interface WizardFlow {
    /** Index of the step shown. */
    ObservableIntegerValue index();

    ObservableBooleanValue canNext();

    ObservableBooleanValue canBack();

    /** The Next button's text ("Next", "Finish", "Apply" …). */
    ObservableStringValue nextText();

    void next();

    void back();

    /** True once the wizard's work is done: the close button then says "Close". */
    ObservableBooleanValue done();
}
