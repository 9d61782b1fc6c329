package org.clusterdeck.ui.harden;

import java.util.List;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.clusterdeck.harden.StepPlan;
import org.clusterdeck.ui.common.Forms;
import org.clusterdeck.ui.common.Tables;
import org.clusterdeck.ui.harden.HardenRows.PlanRow;

/**
 * Page 3: one row per host and step; below, the chosen row's settings, notes, warnings (set apart),
 * why a step is skipped, whether it is guarded, and the exact commands.
 */
final class PreviewPage {
    private final SplitPane root;
    private final VBox details = new VBox(8);
    private final HardenWizardModel model;

    PreviewPage(HardenWizardModel model) {
        this.model = model;
        TableView<PlanRow> table = Tables.table("harden-plan", "Planning… (each host is read in its own job)");
        table.getColumns().add(Tables.column("Host", 100, PlanRow::host));
        table.getColumns().add(Tables.column("Step", 100, PlanRow::stepLabel));
        table.getColumns().add(Tables.wrappingColumn("Plan", 150, PlanRow::status));
        table.getColumns().add(Tables.column("Warnings", 80, r -> r.warnings() == 0 ? "" : r.warnings()));
        table.getColumns().add(Tables.wrappingColumn("What", 300, PlanRow::title));
        table.setItems(model.planRows());
        Tables.keepTitlesWhole(table);
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                model.selectedPlanProperty().set(b);
            }
        });
        model.selectedPlanProperty().addListener((o, a, b) -> {
            if (b != null && table.getSelectionModel().getSelectedItem() != b) {
                table.getSelectionModel().select(b);
            }
            show(b);
        });
        details.setId("harden-plan-details");
        ScrollPane scroll = new ScrollPane(details);
        scroll.setFitToWidth(true);
        root = new SplitPane(table, scroll);
        root.setOrientation(Orientation.VERTICAL);
        root.setDividerPositions(0.36);
        show(null);
    }

    private void show(PlanRow row) {
        details.getChildren().clear();
        if (row == null) {
            details.getChildren().add(Forms.hint("Choose a row to see what that step does on that host."));
            return;
        }
        details.getChildren().add(heading(row.host() + (row.plan() == null ? "" : " · " + row.stepLabel() + ": " + row.plan().title())));
        if (row.error() != null) {
            details.getChildren().add(boxed("cd-failure", row.error() + " Go back to change the choice, or check the host "
                    + "(Check SSH… on it), then plan again."));
            return; // nothing was planned, so there are no commands to show
        }
        StepPlan p = row.plan();
        if (p != null) {
            if (p.skipped()) {
                details.getChildren().add(boxed("cd-guard", "Skipped: " + p.skipReason()));
            }
            String guard = model.guardText(row);
            if (!guard.isEmpty()) {
                details.getChildren().add(boxed("cd-guard", guard));
            }
            for (String w : p.warnings()) {
                Label l = boxed("cd-warning", "⚠ Warning: " + w);
                l.getStyleClass().add("harden-warning");
                details.getChildren().add(l);
            }
            section("Settings", p.settings());
            section("Notes", p.notes());
        }
        TextArea commands = new TextArea(model.commandsText(row));
        commands.setId("harden-commands");
        commands.setEditable(false);
        commands.getStyleClass().add("cd-monospace");
        commands.setPrefRowCount(Math.min(14, Math.max(3, (int) commands.getText().lines().count() + 1)));
        commands.setWrapText(false);
        details.getChildren().addAll(heading("Exact commands"), commands);
    }

    private void section(String title, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        details.getChildren().add(heading(title));
        for (String s : lines) {
            Label l = new Label("• " + s);
            l.setWrapText(true);
            l.setMinHeight(Region.USE_PREF_SIZE);
            details.getChildren().add(l);
        }
    }

    private static Label heading(String text) {
        Label l = new Label(text);
        l.setStyle("-fx-font-weight: bold;");
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }

    static Label boxed(String style, String text) {
        Label l = new Label(text);
        l.getStyleClass().add(style);
        l.setWrapText(true);
        l.setMaxWidth(Double.MAX_VALUE);
        l.setMinHeight(Region.USE_PREF_SIZE);
        VBox.setVgrow(l, Priority.NEVER);
        return l;
    }

    Node node() {
        return root;
    }
}
