package org.clusterdeck.scan;

import java.util.Map;
import org.clusterdeck.harden.HardenStep;

/**
 * The hardening wizard's step that fixes a finding, the option values to fill in (option names as
 * the step modules document them, e.g. "permissions.worldWritable" = "remove"; empty: the step's
 * defaults fix it), and one sentence on what the step will do about it.
 */
public record FindingFix(HardenStep step, Map<String, String> options, String summary) {
    public FindingFix {
        options = Map.copyOf(options);
    }
}
