package org.clusterdeck.ui.harden;

import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.clusterdeck.harden.HardenStep;
import org.clusterdeck.harden.HostResult;
import org.clusterdeck.harden.Role;
import org.clusterdeck.harden.StepPlan;
import org.clusterdeck.model.ChangeSet;
import org.clusterdeck.model.Host;

/** The rows the hardening wizard's tables show. */
public final class HardenRows {
    private HardenRows() {
    }

    /** A host offered on the first page, with the role its firewall is built for (the topology's, or chosen). */
    public static final class HostChoice {
        private final Host host;
        private final String site;
        private final boolean demo;
        private final BooleanProperty selected = new SimpleBooleanProperty();
        private final ObjectProperty<Role> role;

        public HostChoice(Host host, String site, boolean demo) {
            this.host = host;
            this.site = site;
            this.demo = demo;
            this.role = new SimpleObjectProperty<>(Role.fromInventory(host.role()));
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

        public BooleanProperty selectedProperty() {
            return selected;
        }

        public ObjectProperty<Role> roleProperty() {
            return role;
        }

        /** The role the topology gives the host (what "default" means on the page). */
        public Role topologyRole() {
            return Role.fromInventory(host.role());
        }

        public String note() {
            return demo ? "demo host: a label, never connected to; harden a lab host instead (Tools ▸ Local lab, or "
                    + org.clusterdeck.text.Invocation.asRoot("lab up") + ")" : host.address() + ", SSH port " + host.sshPort();
        }
    }

    /** A step to run, ticked or not; a step this build has no module for cannot be ticked. */
    public static final class StepChoice {
        private final HardenStep step;
        private final boolean available;
        private final BooleanProperty selected = new SimpleBooleanProperty();

        public StepChoice(HardenStep step, boolean available) {
            this.step = step;
            this.available = available;
            selected.set(available);
        }

        public HardenStep step() {
            return step;
        }

        public boolean available() {
            return available;
        }

        public BooleanProperty selectedProperty() {
            return selected;
        }
    }

    /**
     * A step option by its name in {@code HardenOptions.values} ("ssh.permitRootLogin"), with the
     * choices a module documents (empty: free text, blank = the module's default).
     */
    public static final class OptionRow {
        private final String name;
        private final HardenStep step;
        private final String label;
        private final List<String> choices;
        private final String hint;
        private final StringProperty value = new SimpleStringProperty("");

        public OptionRow(String name, HardenStep step, String label, List<String> choices, String initial, String hint) {
            this.name = name;
            this.step = step;
            this.label = label;
            this.choices = List.copyOf(choices);
            this.hint = hint;
            value.set(initial);
        }

        public String name() {
            return name;
        }

        public HardenStep step() {
            return step;
        }

        public String label() {
            return label;
        }

        public List<String> choices() {
            return choices;
        }

        public String hint() {
            return hint;
        }

        public StringProperty valueProperty() {
            return value;
        }
    }

    /** One step's plan on one host, or a host that could not be planned (plan null, error set). */
    public record PlanRow(String host, HardenStep step, StepPlan plan, String error) {
        public String stepLabel() {
            return step == null ? "—" : step.label();
        }

        /** What will happen, in a few words. */
        public String status() {
            if (error != null) {
                return "cannot plan";
            }
            if (plan.skipped()) {
                return "skipped";
            }
            if (plan.changes().isEmpty()) {
                return "already in place";
            }
            return plan.changes().size() + " change(s)" + (plan.guarded() ? ", guarded" : "");
        }

        public String title() {
            return error != null ? error : plan.skipped() ? plan.skipReason() : plan.title();
        }

        public int warnings() {
            return plan == null ? 0 : plan.warnings().size();
        }
    }

    /** The progress of the apply (or rollback) job of one host. */
    public static final class HostRun {
        private final String host;
        private final DoubleProperty progress = new SimpleDoubleProperty(-1);
        private final StringProperty status = new SimpleStringProperty("queued");
        private final ObjectProperty<HostResult> result = new SimpleObjectProperty<>();

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

        public ObjectProperty<HostResult> resultProperty() {
            return result;
        }
    }

    /** One check after apply: what, ok or failed, and its evidence in words. */
    public record CheckRow(String host, HardenStep step, String what, boolean ok, String detail) {
        public String result() {
            return ok ? "ok" : "FAILED";
        }
    }

    /** A change set a run made (one per step and host), as it stands now. */
    public record ChangeRow(String host, HardenStep step, ChangeSet change) {
        public long id() {
            return change.id();
        }

        public String state() {
            return change.state().replace('_', ' ');
        }
    }
}
