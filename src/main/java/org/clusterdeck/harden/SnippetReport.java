package org.clusterdeck.harden;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What {@link SnippetCheck} found in pasted hardening text: every problem (where, how bad, why, the
 * fix), the ClusterDeck steps that do the same job right with the options to choose, one sentence
 * per step saying how ({@code plan}), and the commands it does not know ({@code unchecked}: read,
 * never run, not judged).
 */
public record SnippetReport(List<SnippetProblem> problems, Set<HardenStep> suggestedSteps, Map<String, String> suggestedOptions,
                            List<String> plan, List<String> unchecked) {
    public SnippetReport {
        problems = List.copyOf(problems);
        suggestedSteps = Set.copyOf(suggestedSteps);
        suggestedOptions = Map.copyOf(suggestedOptions);
        plan = List.copyOf(plan);
        unchecked = List.copyOf(unchecked);
    }

    public long errors() {
        return problems.stream().filter(SnippetProblem::isError).count();
    }

    public long warnings() {
        return problems.size() - errors();
    }

    /** The steps as the CLI's --steps value ("firewall,apparmor,logging"), in wizard order. */
    public String stepsArgument() {
        return java.util.Arrays.stream(HardenStep.values()).filter(suggestedSteps::contains).map(HardenStep::id)
                .collect(Collectors.joining(","));
    }

    /** The report as plain text for a terminal; everything pasted is shown with control characters escaped. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        if (problems.isEmpty()) {
            sb.append("No problems found.\n");
        } else {
            sb.append(problems.size()).append(problems.size() == 1 ? " problem" : " problems").append(" (").append(errors())
                    .append(errors() == 1 ? " error, " : " errors, ").append(warnings()).append(warnings() == 1 ? " warning" : " warnings")
                    .append("):\n");
            for (SnippetProblem p : problems) {
                sb.append("\n").append(p.isError() ? "ERROR   " : "WARNING ").append(p.where());
                if (!p.fragment().isEmpty()) {
                    sb.append(": ").append(p.fragment());
                }
                sb.append("\n  why: ").append(Printable.of(p.reason())).append("\n  fix: ").append(Printable.of(p.fix())).append("\n");
            }
        }
        if (!suggestedSteps.isEmpty()) {
            sb.append("\nThe same with ClusterDeck (previewed, verified, reversible):\n");
            sb.append("  harden plan --host HOST --steps ").append(stepsArgument()).append("\n");
            plan.forEach(line -> sb.append("  - ").append(Printable.of(line)).append("\n"));
            suggestedOptions.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> sb.append("  option ").append(e.getKey()).append(" = ").append(e.getValue()).append("\n"));
        }
        if (!unchecked.isEmpty()) {
            sb.append("\nNot checked (unknown to ClusterDeck; read, never run):\n");
            unchecked.forEach(u -> sb.append("  ").append(Printable.of(u)).append("\n"));
        }
        return sb.toString();
    }
}
