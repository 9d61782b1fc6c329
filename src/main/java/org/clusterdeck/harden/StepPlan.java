package org.clusterdeck.harden;

import java.util.List;
import org.clusterdeck.change.ChangeEngine;

/**
 * What one step would do on one host: the exact changes (files, sysctls, rulesets, reloads,
 * commands) for the change engine, whether they go through the guarded apply (they can cut
 * ClusterDeck off: firewall, sshd), notes that explain choices ("MaxSessions stays 10 because …"),
 * warnings the user must read, and — when the step cannot or need not run — {@code skipReason}
 * (then {@code changes} is empty). {@code settings} are the chosen values as "name = value" lines,
 * for the wizard's table and the details pane.
 */
public record StepPlan(HardenStep step, String title, List<ChangeEngine.Planned> changes, boolean guarded,
                       List<String> settings, List<String> notes, List<String> warnings, String skipReason) {
    public StepPlan {
        changes = List.copyOf(changes);
        settings = List.copyOf(settings);
        notes = List.copyOf(notes);
        warnings = List.copyOf(warnings);
    }

    public static StepPlan skip(HardenStep step, String reason) {
        return new StepPlan(step, step.label(), List.of(), false, List.of(), List.of(), List.of(), reason);
    }

    public boolean skipped() {
        return skipReason != null;
    }

    /** The exact commands the change engine would run for this step. */
    public List<String> preview() {
        return ChangeEngine.preview(changes);
    }
}
