package org.clusterdeck.harden;

import java.util.Map;
import org.clusterdeck.model.ChangeSet;

/**
 * What hardening a host holds, from its change history: per step, the latest hardening change set.
 * The shield in the diagram: HARDENED when firewall, SSH and kernel are applied and no step is
 * left failed or incomplete; PARTLY when some step is applied; NONE otherwise.
 */
public record HardenStatus(String hostName, Map<HardenStep, ChangeSet> latest) {
    public enum Level { HARDENED, PARTLY, NONE }

    public HardenStatus {
        latest = Map.copyOf(latest);
    }

    public boolean applied(HardenStep s) {
        ChangeSet cs = latest.get(s);
        return cs != null && ChangeSet.APPLIED.equals(cs.state());
    }

    public Level level() {
        boolean broken = latest.values().stream().anyMatch(cs -> ChangeSet.INCOMPLETE.equals(cs.state()));
        boolean core = applied(HardenStep.FIREWALL) && applied(HardenStep.SSH) && applied(HardenStep.KERNEL);
        if (core && !broken) {
            return Level.HARDENED;
        }
        return latest.keySet().stream().anyMatch(this::applied) ? Level.PARTLY : Level.NONE;
    }
}
