package org.clusterdeck.harden;

import java.util.List;

/** The plan for one host: its context (role and peers), the facts read, and one plan per chosen step. */
public record HostPlan(HostContext host, HostFacts facts, List<StepPlan> steps) {
    public HostPlan {
        steps = List.copyOf(steps);
    }

    public List<StepPlan> toApply() {
        return steps.stream().filter(s -> !s.skipped() && !s.changes().isEmpty()).toList();
    }
}
