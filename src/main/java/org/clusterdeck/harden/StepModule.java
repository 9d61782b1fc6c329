package org.clusterdeck.harden;

import java.util.List;
import java.util.Map;
import org.clusterdeck.remote.RemoteShell;

/**
 * One hardening step (firewall, sshd, kernel …): what it reads from the host, what it would change,
 * and how it proves the change worked. Plain code, no JavaFX; {@link HardenService} runs it.
 */
public interface StepModule {
    HardenStep step();

    /** Read-only shell snippets by name, gathered once per host before planning ({@link HostFacts}). */
    Map<String, String> probes();

    /** The plan for this host, or {@link StepPlan#skip} with the reason. Never touches the host. */
    StepPlan plan(HostContext host, HostFacts facts, HardenOptions options);

    /**
     * After the step's change set was applied: checks over {@code shell} (and from outside, where the
     * step can), each with its evidence. A failed check makes the service roll the step back.
     */
    List<Check> verify(RemoteShell shell, HostContext host, StepPlan plan, HardenOptions options);
}
