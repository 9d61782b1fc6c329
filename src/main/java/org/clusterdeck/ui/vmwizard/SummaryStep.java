package org.clusterdeck.ui.vmwizard;

import java.util.LinkedHashMap;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.scene.control.CheckBox;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;
import org.clusterdeck.ui.common.wizard.SummaryView;
import org.clusterdeck.virt.CreateRequest;
import org.clusterdeck.virt.CreateRequest.InstallSource;

/**
 * Step 7: what will be created, as plain facts, the generated domain XML folded below for those
 * who check it, and whether to start the VM; Finish defines it in a job.
 */
final class SummaryStep extends VmStep {
    private final TextArea xml = new TextArea();
    private final VBox facts = new VBox();

    SummaryStep(VmWizardModel model) {
        super(model, "Summary", "step-summary", allProblems(model));
        xml.setId("summaryXml");
        xml.setEditable(false);
        xml.setPrefRowCount(16);
        xml.setStyle("-fx-font-family: monospace;");
        span(facts);
        CheckBox start = new CheckBox("Start the VM once it is defined");
        start.setId("startAfter");
        start.selectedProperty().bindBidirectional(model.start);
        span(start);
        var warning = org.clusterdeck.ui.common.Forms.hint(model.memoryWarning);
        warning.setStyle("-fx-text-fill: -color-warning-fg;");
        span(warning);
    }

    private static StringBinding allProblems(VmWizardModel m) {
        return Bindings.createStringBinding(() -> String.join(" ", m.problems()), m.nameError, m.sourceError,
                m.cpuError, m.memoryError, m.storageError, m.networkError);
    }

    @Override
    public void onEnter() {
        xml.setText(model.previewXml());
        Map<String, String> f = new LinkedHashMap<>();
        if (model.problems().isEmpty()) {
            CreateRequest r = model.toRequest();
            f.put("Host", r.host());
            f.put("Name", r.name());
            f.put("Purpose", r.purpose());
            f.put("CPU", r.vcpus() + " vCPUs" + (r.cpuMode() == null ? "" : ", " + r.cpuMode()));
            f.put("Memory", r.memoryMib() % 1024 == 0 ? r.memoryMib() / 1024 + " GiB" : r.memoryMib() + " MiB");
            f.put("Install source", r.source() == InstallSource.NONE ? "none (empty disk)"
                    : r.source().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                    + (r.sourcePath() == null ? "" : ": " + r.sourcePath()));
            f.put("Disk", r.source() == InstallSource.EXISTING_DISK ? "the existing disk"
                    : r.diskGib() + " GiB " + r.diskFormat() + " in pool " + r.pool());
            f.put("Network", r.nics().isEmpty() ? "none" : String.join("; ", r.nics().stream().map(n ->
                    (n.bridge() ? "bridge " : "network ") + n.source() + ", " + n.model()
                            + (n.mtu() == null ? "" : ", MTU " + n.mtu())).toList()));
        } else {
            f.put("Not ready", String.join(" ", model.problems()));
        }
        facts.getChildren().setAll(SummaryView.of(f, "Domain XML (what libvirt is given)", xml));
    }
}
