package org.clusterdeck.ui.tuning;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.clusterdeck.ui.tuning.TuningRows.HostRun;

/** Step 5: one progress line per host while the jobs run. */
final class ApplyStep {
    private final VBox root;

    ApplyStep(TuningWizardModel model) {
        ListView<HostRun> list = new ListView<>(model.runs());
        list.setId("tuning-runs");
        list.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(HostRun run, boolean empty) {
                super.updateItem(run, empty);
                if (empty || run == null) {
                    setGraphic(null);
                    return;
                }
                ProgressBar bar = new ProgressBar();
                bar.progressProperty().bind(run.progressProperty());
                bar.setPrefWidth(160);
                Label host = new Label(run.host());
                host.setMinWidth(110);
                Label status = new Label();
                status.textProperty().bind(run.statusProperty());
                status.setWrapText(true);
                HBox line = new HBox(10, host, bar, status);
                HBox.setHgrow(status, Priority.ALWAYS);
                setGraphic(line);
            }
        });
        VBox.setVgrow(list, Priority.ALWAYS);
        root = new VBox(8, new Label("Each host is tuned by its own job; a failure on one host is rolled back there and leaves the others alone."), list);
    }

    Node node() {
        return root;
    }
}
