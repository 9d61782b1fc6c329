package org.clusterdeck.ui.tuning;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.clusterdeck.model.Host;
import org.clusterdeck.tuning.PlanIssue;
import org.clusterdeck.tuning.TuningResult;

/** The rows the wizard's tables show. */
public final class TuningRows {
    private TuningRows() {
    }

    /** A host offered on the first step; demo hosts are listed but cannot be chosen. */
    public static final class HostChoice {
        private final Host host;
        private final String site;
        private final boolean demo;
        private final boolean lab;
        private final BooleanProperty selected = new SimpleBooleanProperty();

        public HostChoice(Host host, String site, boolean demo, boolean lab) {
            this.host = host;
            this.site = site;
            this.demo = demo;
            this.lab = lab;
        }

        public Host host() {
            return host;
        }

        public String site() {
            return site;
        }

        public boolean demo() {
            return demo;
        }

        public boolean lab() {
            return lab;
        }

        public BooleanProperty selectedProperty() {
            return selected;
        }

        /** What the host list says beside the name. */
        public String note() {
            return demo ? "demo host: never connected to; tune a lab host instead (Tools ▸ Local lab, or " + org.clusterdeck.text.Invocation.asRoot("lab up") + ")"
                    : lab ? "lab host: only per-network-namespace keys change" : host.address();
        }
    }

    /** A validation problem, found by the catalog ("catalog") or on a host (its name). */
    public record IssueRow(String where, PlanIssue issue) {
        public String severity() {
            return issue.severity().name().toLowerCase(java.util.Locale.ROOT);
        }

        public String line() {
            return issue.line() > 0 ? Integer.toString(issue.line()) : "";
        }
    }

    /** One preview line: host, key, current, proposed, why. */
    public record PreviewRow(String host, String key, String current, String proposed, boolean changes, String risk, String why) {
    }

    /** The progress of the apply (or rollback) job of one host. */
    public static final class HostRun {
        private final String host;
        private final DoubleProperty progress = new SimpleDoubleProperty(-1);
        private final StringProperty status = new SimpleStringProperty("queued");
        private final ObjectProperty<TuningResult> result = new SimpleObjectProperty<>();

        public HostRun(String host) {
            this.host = host;
        }

        public String host() {
            return host;
        }

        public DoubleProperty progressProperty() {
            return progress;
        }

        public StringProperty statusProperty() {
            return status;
        }

        public ObjectProperty<TuningResult> resultProperty() {
            return result;
        }
    }

    /** One key's outcome on one host after apply, verify or rollback. */
    public record OutcomeRow(String host, String key, String before, String proposed, String readBack, String status, String reason) {
    }
}
