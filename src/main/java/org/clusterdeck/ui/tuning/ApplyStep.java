package org.clusterdeck.ui.tuning;

import javafx.scene.Node;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.clusterdeck.ui.common.Forms;
import org.clusterdeck.ui.common.wizard.HostProgressTable;
import org.clusterdeck.ui.tuning.TuningRows.HostRun;

/** Step 5: one progress row per host while the jobs run. */
final class ApplyStep {
    private final VBox root;

    ApplyStep(TuningWizardModel model) {
        TableView<HostRun> table = HostProgressTable.of(model.runs(), HostRun::host, HostRun::progressProperty,
                HostRun::statusProperty);
        table.setId("tuning-runs");
        VBox.setVgrow(table, Priority.ALWAYS);
        root = new VBox(8, Forms.hint("Each host is tuned by its own job; a failure on one host is rolled back there "
                + "and leaves the others alone."), table);
    }

    Node node() {
        return root;
    }
}
