package org.clusterdeck.ui.harden;

import javafx.beans.property.SimpleStringProperty;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.clusterdeck.harden.HardenService;
import org.clusterdeck.harden.HardenStatus;
import org.clusterdeck.harden.HardenStep;
import org.clusterdeck.model.ChangeSet;
import org.clusterdeck.model.Host;
import org.clusterdeck.ui.UiContext;
import org.clusterdeck.ui.common.Forms;

/**
 * A host's hardening in its details pane: the shield's level and, per step, the latest hardening
 * change (change #, state, time), read in the background; and a "Harden…" button.
 */
final class HardenDetailsPane extends VBox {
    HardenDetailsPane(UiContext ctx, Host host, Runnable harden) {
        super(6);
        setId("details-hardening");
        Label title = new Label("Hardening");
        title.getStyleClass().add("title-4");
        Label level = Forms.hint("Reading the hardening history…");
        level.setId("details-hardening-level");
        VBox rows = new VBox(4);
        Button open = Forms.button("Harden…", e -> harden.run());
        open.setId("details-harden");
        getChildren().addAll(title, level, rows, open);
        ctx.background().run("Read hardening of " + host.name(), () -> {
            HardenService service = HardenBadges.service(ctx);
            return service == null ? null : service.status(host.name());
        }).onSuccess(s -> show(s, level, rows)).onFailure(e -> level.setText("Could not read the hardening history: "
                + HardenWizardModel.describe(e)));
    }

    private static void show(HardenStatus s, Label level, VBox rows) {
        if (s == null) {
            level.setText("The hardening history is not available here.");
            return;
        }
        level.setText(switch (s.level()) {
            case HARDENED -> "Hardened: firewall, SSH and kernel steps are applied.";
            case PARTLY -> "Partly hardened: some steps are applied (firewall, SSH and kernel make it hardened).";
            case NONE -> "Not hardened: no hardening step is applied.";
        });
        Forms.Builder form = Forms.form();
        boolean any = false;
        for (HardenStep step : HardenStep.values()) {
            ChangeSet cs = s.latest().get(step);
            if (cs != null) {
                form.value(step.label(), new SimpleStringProperty(HardenBadges.describe(cs)));
                any = true;
            }
        }
        if (any) {
            var grid = form.build();
            grid.setId("details-hardening-steps");
            grid.setMinHeight(Region.USE_PREF_SIZE);
            rows.getChildren().setAll(grid);
        }
    }
}
