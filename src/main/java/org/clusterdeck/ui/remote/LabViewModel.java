package org.clusterdeck.ui.remote;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.clusterdeck.job.JobRunner;
import org.clusterdeck.lab.Lab;
import org.clusterdeck.lab.LabPreflight;
import org.clusterdeck.lab.LabService;
import org.clusterdeck.ui.UiContext;

/** Start, stop and inspect the local practice lab; every action runs as a job. */
public final class LabViewModel {
    /** One row of the hosts table. */
    public record Row(String name, String role, String address, String state, String memory, String services,
                      String ssh, String hostKey) {
    }

    private final UiContext ctx;
    private final LabService service;
    private final IntegerProperty hostCount = new SimpleIntegerProperty(3);
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");

    private final org.clusterdeck.ui.common.Dialogs dialogs;

    public LabViewModel(UiContext ctx, Path dataDir, org.clusterdeck.ui.common.Dialogs dialogs) {
        this(ctx, dataDir, LabService.DEFAULT_INDEX, dialogs);
    }

    /** With another lab index (2-250), e.g. for tests that must not touch the user's lab. */
    public LabViewModel(UiContext ctx, Path dataDir, int labIndex, org.clusterdeck.ui.common.Dialogs dialogs) {
        this.ctx = ctx;
        this.dialogs = dialogs;
        this.service = new LabService(ctx.store(), dataDir, labIndex, ctx.events(), "gui");
    }

    public IntegerProperty hostCountProperty() {
        return hostCount;
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public void refresh() {
        run("Local lab status", s -> s.status(), st -> describe(st, null));
    }

    public void up() {
        int n = hostCount.get();
        run("Start local lab", s -> {
            s.up(n);
            return s.status();
        }, st -> describe(st, "Lab is up; its hosts are in site 'Local lab' with their keys trusted."));
    }

    /** Starts the source's cluster: lb1, web1, web2, db1, db2 with their roles and topology. */
    public void cluster() {
        run("Start local lab cluster", s -> {
            s.upCluster(null);
            return s.status();
        }, st -> describe(st, "The cluster is up: lb1, web1, web2, db1, db2 in site 'Local lab', with its load balancer"
                + " and database pair in the topology."));
    }

    /** Stops and removes the lab once the user confirmed what that removes. */
    public void down() {
        String hosts = rows.isEmpty() ? "its hosts" : String.join(", ", rows.stream().map(Row::name).toList());
        if (!dialogs.confirm(new org.clusterdeck.ui.common.Dialogs.Confirmation("Stop and remove the local lab",
                "Stops " + hosts + " (their sshd and nginx), deletes their network namespaces and files on this "
                        + "machine, and removes them and site 'Local lab' from the inventory. Tuning history and "
                        + "benchmark runs stay.", "Stop and remove"))) {
            message.set("Nothing stopped.");
            return;
        }
        run("Stop local lab", s -> {
            s.down();
            return s.status();
        }, st -> describe(st, "Lab is down; its hosts left the inventory."));
    }

    private void run(String name, Function<LabService, Lab.Status> work, Function<Lab.Status, String> done) {
        busy.set(true);
        message.set(name + "…");
        ctx.jobs().submit(name, "Local lab", job -> {
            List<String> problems = LabPreflight.problems();
            if (!problems.isEmpty()) {
                throw new IllegalStateException("The local lab cannot run here: " + String.join("; ", problems) + ".");
            }
            return work.apply(service);
        }).result().whenCompleteAsync((status, err) -> {
            if (err != null) {
                message.set(JobRunner.describe(err));
            } else {
                rows.setAll(status.hosts().stream().map(h -> new Row(h.host().name(), h.host().role(), h.host().address(),
                        h.state(), h.memoryBytes() / (1024 * 1024) + " MB", String.join(", ", h.services()),
                        h.sshAnswers() ? "answers" : "down", h.host().hostKeyFingerprint())).toList());
                message.set(done.apply(status));
            }
            busy.set(false); // last: whoever waits for "not busy" sees the outcome
        }, ctx.fx());
    }

    private static String describe(Lab.Status st, String success) {
        if (success != null) {
            return success;
        }
        return st.isUp() ? "Lab is up with " + st.hosts().size() + " host(s)." : "Lab is down.";
    }
}
