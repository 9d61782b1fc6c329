package org.clusterdeck.ui.change;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.clusterdeck.change.ChangeDiff;
import org.clusterdeck.change.ChangeEngine;
import org.clusterdeck.job.JobRunner;
import org.clusterdeck.model.ChangeSet;
import org.clusterdeck.model.ChangeStep;
import org.clusterdeck.ui.UiContext;

/**
 * The change history of one host (or of all, {@code host} null): the list, the selected set's
 * steps as diffs, and a rollback that runs as a job. The view asks the user to confirm first.
 */
public final class ChangesViewModel {
    private final UiContext ctx;
    private final ChangeEngine engine;
    private final ChangeEngine.Shells shells;
    private final String host;
    private final ObservableList<ChangeSet> changes = FXCollections.observableArrayList();
    private final ObjectProperty<ChangeSet> selected = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper diff = new ReadOnlyStringWrapper("");
    private final StringProperty status = new SimpleStringProperty("");

    public ChangesViewModel(UiContext ctx, ChangeEngine engine, ChangeEngine.Shells shells, String host) {
        this.ctx = ctx;
        this.engine = engine;
        this.shells = shells;
        this.host = host;
        selected.addListener((o, a, b) -> diff.set(b == null ? "" : describe(b)));
    }

    public String host() {
        return host;
    }

    public ObservableList<ChangeSet> changes() {
        return changes;
    }

    public ObjectProperty<ChangeSet> selectedProperty() {
        return selected;
    }

    public javafx.beans.property.ReadOnlyStringProperty diffProperty() {
        return diff.getReadOnlyProperty();
    }

    public StringProperty statusProperty() {
        return status;
    }

    /** Reads the history in the background. */
    public CompletableFuture<Void> load() {
        Long keep = selected.get() == null ? null : selected.get().id();
        return ctx.jobs().background("Load change history", () -> engine.history(host, 500)).handleAsync((list, err) -> {
            if (err != null) {
                status.set("Could not read the change history: " + JobRunner.describe(err));
                return null;
            }
            changes.setAll(list);
            status.set(list.size() + " change set(s)" + (host == null ? "" : " on " + host) + ".");
            if (keep != null) {
                list.stream().filter(c -> c.id() == keep).findFirst().ifPresent(selected::set);
            }
            return null;
        }, ctx.fx());
    }

    /** The confirmation to ask before a rollback; {@code force} when it would undo part of a later change. */
    public record RollbackQuestion(String text, boolean force) {
    }

    /**
     * Checks in the background whether {@code c} can be rolled back and what to ask; completes on the
     * FX thread with null (and a status saying why) when nothing of it is left on the host.
     */
    public CompletableFuture<RollbackQuestion> askRollback(ChangeSet c) {
        return ctx.jobs().background("Check rollback of #" + c.id(), () -> {
            if (!c.undoable()) {
                return null;
            }
            return engine.rollbackConflict(c)
                    .map(why -> new RollbackQuestion(why + "\n\nRoll back anyway (this also undoes part of the later change)?", true))
                    .orElse(new RollbackQuestion("Roll back change #" + c.id() + " on " + c.hostName() + " (" + c.title() + ")? Its "
                            + c.steps().size() + " step(s) get their before-values back.", false));
        }).handleAsync((q, err) -> {
            if (err != null) {
                status.set("Could not check change #" + c.id() + ": " + JobRunner.describe(err));
                return null;
            }
            if (q == null) {
                status.set("Change #" + c.id() + " is " + c.state().replace('_', ' ') + ": nothing of it is left to roll back.");
            }
            return q;
        }, ctx.fx());
    }

    /** Rolls back the change set as a job (shown in the jobs panel); reloads the list when done. */
    public CompletableFuture<Void> rollback(ChangeSet c, boolean force) {
        status.set("Rolling back change #" + c.id() + " on " + c.hostName() + "…");
        return ctx.jobs().submit("Roll back change #" + c.id(), c.hostName(), jc -> engine.rollback(c.id(), shells, force, true, jc))
                .result().handleAsync((done, err) -> {
                    status.set(err != null ? "Rollback of #" + c.id() + " failed: " + JobRunner.describe(err) : done.message());
                    load();
                    return null;
                }, ctx.fx());
    }

    static String describe(ChangeSet c) {
        StringBuilder sb = new StringBuilder();
        sb.append("#").append(c.id()).append(' ').append(ChangeEngine.featureLabel(c.feature())).append(" on ").append(c.hostName())
                .append(": ").append(c.title()).append("\nby ").append(c.who()).append(" at ").append(c.createdAt()).append(" — ")
                .append(c.state().replace('_', ' ')).append('\n');
        if (c.message() != null) {
            sb.append(c.message()).append('\n');
        }
        List<ChangeStep> steps = c.steps();
        for (ChangeStep s : steps) {
            sb.append("\nStep ").append(s.seq()).append(": ").append(s.kind()).append(' ').append(s.target()).append(" (")
                    .append(s.state().replace('_', ' ')).append(")\n");
            String d = ChangeDiff.unified(s.existedBefore() ? s.before() : null, s.after(), s.target().replaceFirst("^/", ""));
            sb.append(d.isEmpty() ? "(unchanged)\n" : d);
        }
        return sb.toString();
    }
}
