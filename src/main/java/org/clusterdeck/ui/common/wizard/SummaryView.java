package org.clusterdeck.ui.common.wizard;

import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.VBox;
import org.clusterdeck.ui.common.Forms;

/**
 * A wizard's final summary: what will be done as labelled values a person reads at a glance, and
 * (optionally) the generated text folded away below for those who want to check it.
 */
public final class SummaryView {
    private SummaryView() {
    }

    /** {@code facts} in order (label → value); {@code details} may be null. */
    public static Node of(Map<String, String> facts, String detailsTitle, Node details) {
        Forms.Builder form = Forms.form();
        facts.forEach((k, v) -> form.row(k, Forms.value(new javafx.beans.property.SimpleStringProperty(v == null ? "—" : v))));
        VBox box = new VBox(12, form.build());
        if (details != null) {
            TitledPane more = new TitledPane(detailsTitle, details);
            more.setExpanded(false);
            more.setAnimated(false);
            box.getChildren().add(more);
        }
        return box;
    }
}
