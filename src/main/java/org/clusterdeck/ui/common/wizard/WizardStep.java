package org.clusterdeck.ui.common.wizard;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;

/**
 * One page of a {@link Wizard}: a title, its content, and whether Next may be pressed.
 * Override {@link #onEnter()} to refresh what the page shows from the shared model.
 */
public class WizardStep {
    private final String id;
    private final String title;
    private final Node content;
    private final ObservableBooleanValue canNext;

    public WizardStep(String id, String title, Node content, ObservableBooleanValue canNext) {
        this.id = id;
        this.title = title;
        this.content = content;
        this.canNext = canNext == null ? Bindings.createBooleanBinding(() -> true) : canNext;
        content.setId(id);
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public Node content() {
        return content;
    }

    public ObservableBooleanValue canNext() {
        return canNext;
    }

    /** Called each time the page is shown. */
    public void onEnter() {
    }
}
