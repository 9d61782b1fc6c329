package org.clusterdeck.harden;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.clusterdeck.tuning.Severity;

/** What the snippet rules found: problems, and the ClusterDeck steps (with options) that do the same job right. */
final class SnippetFindings {
    final List<SnippetProblem> problems = new ArrayList<>();
    final Map<HardenStep, Set<String>> steps = new EnumMap<>(HardenStep.class);
    final Map<String, String> options = new LinkedHashMap<>();

    void error(SnippetCommand c, String reason, String fix) {
        add(Severity.ERROR, c, reason, fix);
    }

    void warn(SnippetCommand c, String reason, String fix) {
        add(Severity.WARNING, c, reason, fix);
    }

    void add(Severity s, SnippetCommand c, String reason, String fix) {
        problems.add(c == null ? new SnippetProblem(s, 0, 0, "", reason, fix)
                : new SnippetProblem(s, c.line(), c.column(), c.raw(), reason, fix));
    }

    /** The step that replaces what the snippet tried, with a sentence saying how. */
    void step(HardenStep step, String how) {
        steps.computeIfAbsent(step, s -> new LinkedHashSet<>()).add(how);
    }

    void option(String name, String value) {
        options.putIfAbsent(name, value);
    }
}
