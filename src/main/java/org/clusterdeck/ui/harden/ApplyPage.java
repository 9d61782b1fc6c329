package org.clusterdeck.ui.harden;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.clusterdeck.ui.common.Forms;
import org.clusterdeck.ui.common.wizard.HostProgressTable;
import org.clusterdeck.ui.harden.HardenRows.HostRun;

/** Page 4: one progress row per host while its job runs; Stop cancels them. */
final class ApplyPage {
    private final VBox root;

    ApplyPage(HardenWizardModel model) {
        TableView<HostRun> table = HostProgressTable.of(model.runs(), HostRun::host, HostRun::progressProperty,
                HostRun::statusProperty);
        table.setId("harden-runs");
        VBox.setVgrow(table, Priority.ALWAYS);
        Button stop = Forms.button("Stop", e -> model.cancel());
        stop.setId("harden-stop");
        stop.disableProperty().bind(model.busyProperty().not());
        org.clusterdeck.ui.common.Tables.keepTitlesWhole(table);
        javafx.scene.control.Label hint = Forms.hint("Each host is hardened by its own job, one change set per step, "
                + "verified after each step; a step whose check fails is rolled back there and stops that host's run. "
                + "Stop cancels between steps; a guarded step cut short restores itself on the host.");
        HBox.setHgrow(hint, Priority.ALWAYS);
        root = new VBox(8, table, new HBox(10, stop, hint));
    }

    Node node() {
        return root;
    }
}
