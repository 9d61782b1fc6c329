package org.clusterdeck.ui.harden;

import java.util.List;
import java.util.Map;
import org.clusterdeck.change.ChangeEngine;
import org.clusterdeck.harden.Check;
import org.clusterdeck.harden.HardenOptions;
import org.clusterdeck.harden.HardenStep;
import org.clusterdeck.harden.HostContext;
import org.clusterdeck.harden.HostFacts;
import org.clusterdeck.harden.StepModule;
import org.clusterdeck.harden.StepPlan;
import org.clusterdeck.model.StepKind;
import org.clusterdeck.remote.CommandResult;
import org.clusterdeck.remote.RemoteCommand;
import org.clusterdeck.remote.RemoteShell;

/**
 * A TEST STAND-IN step (not a hardening step): writes one marker file through the real change
 * engine and verifies it by reading it back, so the wizard's whole flow runs on lab hosts for
 * whichever step slot this build has no module for yet. The wizard tests prefer the real modules
 * of {@code HardenModules.all()} and add this only for a free slot.
 */
final class MarkerFileStep implements StepModule {
    static final String PATH = "/etc/clusterdeck-wizard-test.conf";
    private final HardenStep step;

    MarkerFileStep(HardenStep step) {
        this.step = step;
    }

    static String content(HostContext host) {
        return "# written by the wizard test for " + host.hostName() + " (" + host.role().id() + ")\n";
    }

    @Override
    public HardenStep step() {
        return step;
    }

    @Override
    public Map<String, String> probes() {
        return Map.of("marker", "cat " + PATH + " 2>/dev/null || true");
    }

    @Override
    public StepPlan plan(HostContext host, HostFacts facts, HardenOptions options) {
        String want = content(host);
        if (want.strip().equals(facts.get("marker"))) {
            return new StepPlan(step, "Marker file (test)", List.of(), false, List.of(), List.of(), List.of(), null);
        }
        return new StepPlan(step, "Marker file (test)", List.of(new ChangeEngine.Planned(StepKind.FILE, PATH, want)), false,
                List.of("file = " + PATH), List.of("a test stand-in step"), List.of("this is a test step, not hardening"), null);
    }

    @Override
    public List<Check> verify(RemoteShell shell, HostContext host, StepPlan plan, HardenOptions options) {
        CommandResult r = shell.run(RemoteCommand.of("cat", PATH));
        return List.of(r.stdout().equals(content(host)) ? Check.pass(step, "marker file", PATH + " holds the planned text")
                : Check.fail(step, "marker file", PATH + " holds '" + r.stdout().strip() + "'"));
    }
}
