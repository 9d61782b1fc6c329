package org.clusterdeck.harden;

import java.util.List;
import org.clusterdeck.model.ChangeSet;

/**
 * How a run went on one host: the change sets made (one per step), every check with its evidence,
 * and, when it stopped, why ({@code failure}; the steps before it stay applied and are listed).
 */
public record HostResult(String hostName, List<ChangeSet> changes, List<Check> checks, String failure) {
    public HostResult {
        changes = List.copyOf(changes);
        checks = List.copyOf(checks);
    }

    public boolean ok() {
        return failure == null && checks.stream().allMatch(Check::ok);
    }
}
