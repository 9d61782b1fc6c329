package org.clusterdeck.tuning;

import java.util.List;

/** The outcome of validating a plan: the settings that may be applied, and every problem found. */
public record ValidationReport(List<ValidSetting> accepted, List<PlanIssue> issues) {
    public ValidationReport {
        accepted = List.copyOf(accepted);
        issues = List.copyOf(issues);
    }

    public boolean hasErrors() {
        return issues.stream().anyMatch(PlanIssue::isError);
    }

    public List<PlanIssue> errors() {
        return issues.stream().filter(PlanIssue::isError).toList();
    }

    public List<PlanIssue> warnings() {
        return issues.stream().filter(i -> !i.isError()).toList();
    }
}
