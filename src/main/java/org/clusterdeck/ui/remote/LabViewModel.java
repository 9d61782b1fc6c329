package org.clusterdeck.ui.remote;

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

    /** @param service the lab to drive (tests give one with another lab index, so the user's lab stays untouched) */
    public LabViewModel(UiContext ctx, LabService service) {
        this.ctx = ctx;
        this.service = service;
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

    public void down() {
        run("Stop local lab", s -> {
            s.down();
            return s.status();
        }, st -> describe(st, "Lab is down; its hosts left the inventory."));
    }

    private void run(String name, Function<LabService, Lab.Status> work, Function<Lab.Status, String> done) {
        busy.set(true);
        message.set(name + "…");
        java.util.concurrent.CompletableFuture<Lab.Status> result = ctx.jobs().submit(name, "Local lab", job -> {
            List<String> problems = LabPreflight.problems();
            if (!problems.isEmpty()) {
                throw new IllegalStateException("The local lab cannot run here: " + String.join("; ", problems) + ".");
            }
            return work.apply(service);
        }).result();
        ctx.background().when(result)
                .onFailure(err -> {
                    message.set(JobRunner.describe(err));
                    busy.set(false);
                })
                .onSuccess(status -> {
                    rows.setAll(status.hosts().stream().map(h -> new Row(h.host().name(), h.host().role(), h.host().address(),
                            h.state(), h.memoryBytes() / (1024 * 1024) + " MB", String.join(", ", h.services()),
                            h.sshAnswers() ? "answers" : "down", h.host().hostKeyFingerprint())).toList());
                    message.set(done.apply(status));
                    busy.set(false); // last: whoever waits for "not busy" sees the outcome
                });
    }

    private static String describe(Lab.Status st, String success) {
        if (success != null) {
            return success;
        }
        return st.isUp() ? "Lab is up with " + st.hosts().size() + " host(s)." : "Lab is down.";
    }
}
