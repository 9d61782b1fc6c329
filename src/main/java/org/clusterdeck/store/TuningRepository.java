package org.clusterdeck.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.clusterdeck.model.ChangeSet;
import org.clusterdeck.model.ChangeStep;
import org.clusterdeck.model.StepKind;
import org.clusterdeck.model.SysctlChange;
import org.clusterdeck.model.TuningChangeSet;

/**
 * Kernel tuning's view of the change history: a tuning change set is a change set of feature
 * "tuning" with one SYSCTL step per key and, last, one FILE step for ClusterDeck's sysctl file.
 */
public final class TuningRepository {
    public static final String FEATURE = "tuning";
    private final ChangeRepository changes;

    public TuningRepository(Sql sql) {
        this.changes = new ChangeRepository(sql);
    }

    /** Stores a change set and its changes (state "pending") in one transaction; returns its id. */
    public long create(String hostName, String source, String who, String filePath, String fileBefore, String fileAfter,
                       List<SysctlChange> keys, Long jobId) {
        List<ChangeStep> steps = new ArrayList<>();
        int seq = 1;
        for (SysctlChange c : keys) {
            steps.add(new ChangeStep(seq++, StepKind.SYSCTL, c.key(), true, c.before(), c.after(), c.state()));
        }
        steps.add(new ChangeStep(seq, StepKind.FILE, filePath, fileBefore != null, fileBefore, fileAfter, ChangeStep.PENDING));
        return changes.create(hostName, FEATURE, source, who, jobId, steps);
    }

    public void finish(long id, String state, String message) {
        changes.finish(id, state, message);
    }

    public void markChanges(long id, List<String> keys, String state) {
        changes.markTargets(id, StepKind.SYSCTL, keys, state);
    }

    public void markFile(long id, String path, String state) {
        changes.markTargets(id, StepKind.FILE, List.of(path), state);
    }

    /** The newest change set of the host that may still be on it (what a rollback undoes). */
    public Optional<TuningChangeSet> latestUndoable(String hostName) {
        return changes.latestUndoable(hostName, FEATURE).map(TuningRepository::toTuning);
    }

    public Optional<TuningChangeSet> findById(long id) {
        return changes.findById(id).filter(c -> FEATURE.equals(c.feature())).map(TuningRepository::toTuning);
    }

    /** The host's change sets, newest first. */
    public List<TuningChangeSet> history(String hostName, int limit) {
        return changes.list(hostName, FEATURE, limit).stream().map(TuningRepository::toTuning).toList();
    }

    static TuningChangeSet toTuning(ChangeSet c) {
        List<SysctlChange> keys = new ArrayList<>();
        ChangeStep file = null;
        for (ChangeStep s : c.steps()) {
            if (s.kind() == StepKind.SYSCTL) {
                keys.add(new SysctlChange(s.target(), s.before(), s.after(), s.state()));
            } else if (s.kind() == StepKind.FILE) {
                file = s;
            }
        }
        if (file == null) {
            throw new StoreException("Change set #" + c.id() + " is marked as tuning but has no file step; it cannot be read as tuning.");
        }
        return new TuningChangeSet(c.id(), c.hostName(), c.title(), c.state(), file.target(), file.existedBefore(),
                file.existedBefore() ? file.before() : null, file.after(), c.message(), c.jobId(), c.createdAt(), c.finishedAt(), keys);
    }
}
