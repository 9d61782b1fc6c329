package org.clusterdeck.ui.security;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.clusterdeck.scan.FindingFixes;
import org.clusterdeck.scan.FindingState;
import org.clusterdeck.scan.StoredFinding;
import org.clusterdeck.ui.common.Forms;

/**
 * One finding in full: title, rating (colour and word), check, target, state with its reason, the
 * change set that fixed it, the evidence in monospace, why it matters, the fix (and the hardening
 * step that does it), and the actions. Everything a scanned host sent is shown escaped.
 */
final class FindingDetailsPane {
    private final ScrollPane node;
    private final Label title = new Label();
    private final Label rating = new Label();
    private final StringProperty check = new SimpleStringProperty("");
    private final StringProperty target = new SimpleStringProperty("");
    private final StringProperty state = new SimpleStringProperty("");
    private final StringProperty seen = new SimpleStringProperty("");
    private final TextArea evidence = new TextArea();
    private final Label why = new Label();
    private final Label fix = new Label();
    private final Label step = new Label();
    private final VBox body;
    private final Label empty = Forms.hint("Select a finding in the table to see its evidence, why it matters and its fix.");

    /** The actions, wired by the view. */
    final Button accept = Forms.button("Accept…", null);
    final Button falsePositive = Forms.button("False positive…", null);
    final Button reopen = Forms.button("Reopen", null);
    final Button rescan = Forms.button("Rescan", null);
    final Button fixButton = Forms.button("Fix…", null);

    FindingDetailsPane() {
        title.getStyleClass().add("title-4");
        title.setId("finding-title");
        for (Label l : new Label[] {title, why, fix, step}) {
            l.setWrapText(true);
            l.setMinHeight(Region.USE_PREF_SIZE);
            l.setMaxWidth(Double.MAX_VALUE);
        }
        rating.setId("finding-rating");
        rating.setMinWidth(Region.USE_PREF_SIZE);
        evidence.setEditable(false);
        evidence.setWrapText(true);
        evidence.getStyleClass().add("evidence");
        evidence.setId("finding-evidence");
        evidence.setPrefRowCount(5);
        evidence.setMinHeight(90);
        step.getStyleClass().add("cd-guard");
        accept.setId("finding-accept");
        falsePositive.setId("finding-false-positive");
        reopen.setId("finding-reopen");
        rescan.setId("finding-rescan");
        fixButton.setId("finding-fix");
        FlowPane actions = new FlowPane(6, 6, fixButton, rescan, accept, falsePositive, reopen);
        var form = Forms.form()
                .value("Check", check)
                .value("Target", target)
                .value("State", state)
                .value("Seen", seen)
                .build();
        body = new VBox(8, title, rating, actions, form, section("Evidence"), evidence, section("Why it matters"), why,
                section("Fix"), fix, step);
        body.setPadding(new Insets(8));
        body.setVisible(false);
        body.managedProperty().bind(body.visibleProperty());
        empty.setPadding(new Insets(8));
        empty.managedProperty().bind(empty.visibleProperty());
        node = new ScrollPane(new VBox(empty, body));
        node.setFitToWidth(true);
        node.setId("finding-details");
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("text-bold");
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    ScrollPane node() {
        return node;
    }

    /** Shows {@code f} (null: the hint to select one); {@code count} findings are selected in all. */
    void show(StoredFinding f, int count) {
        body.setVisible(f != null);
        empty.setVisible(f == null);
        if (f == null) {
            return;
        }
        var x = f.finding();
        title.setText(Shown.line(x.title()) + (count > 1 ? "  (+" + (count - 1) + " more selected)" : ""));
        rating.setText(x.rating());
        rating.getStyleClass().removeIf(c -> c.startsWith("sev-"));
        rating.getStyleClass().add(Shown.severityClass(x.severity()));
        check.set(Shown.line(x.id()) + " · " + f.kind().id() + " scanner · finding #" + f.id());
        target.set(Shown.line(f.target()) + " (host " + Shown.line(f.host()) + ")");
        state.set(stateText(f));
        seen.set("first " + Shown.time(f.firstSeen()) + ", last change " + Shown.time(f.updatedAt()) + ", text from scan #" + f.scanId());
        evidence.setText(x.evidence() == null || x.evidence().isEmpty() ? "(no evidence recorded)" : Shown.text(x.evidence()));
        why.setText(Shown.line(x.why()));
        fix.setText(Shown.line(x.fix()));
        var hardening = FindingFixes.forFinding(f.kind(), x);
        step.setText(hardening.map(h -> "Fix… opens the hardening wizard's " + h.step().label() + " step for " + Shown.line(f.host())
                + (h.options().isEmpty() ? "" : " with " + h.options()) + ": " + Shown.line(h.summary())).orElse(""));
        step.setVisible(hardening.isPresent());
        step.setManaged(hardening.isPresent());
        fixButton.setDisable(hardening.isEmpty() || f.state() != FindingState.OPEN);
        reopen.setDisable(f.state() == FindingState.OPEN);
        accept.setDisable(f.state() == FindingState.ACCEPTED);
        falsePositive.setDisable(f.state() == FindingState.FALSE_POSITIVE);
    }

    static String stateText(StoredFinding f) {
        return switch (f.state()) {
            case OPEN -> "open";
            case FIXED -> "fixed" + (f.fixedByChangeSet() != null ? " by change set #" + f.fixedByChangeSet() : "")
                    + (f.fixedInScan() != null ? ", proved by scan #" + f.fixedInScan() : "");
            case ACCEPTED -> "accepted: " + Shown.line(f.reason());
            case FALSE_POSITIVE -> "false positive: " + Shown.line(f.reason());
        };
    }
}
