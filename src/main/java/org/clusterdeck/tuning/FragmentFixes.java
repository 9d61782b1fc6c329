package org.clusterdeck.tuning;

import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Rewrites a pasted sysctl.conf fragment with the suggested real keys taken ("did you mean ..."). */
public final class FragmentFixes {
    private static final Pattern REPLACE_FIX = Pattern.compile("^replace with (\\S+) = ");

    /** The rewritten text and how many keys were replaced. */
    public record Result(String text, int replaced) {
    }

    private FragmentFixes() {
    }

    public static Result applyKeySuggestions(String text, List<PlanIssue> issues) {
        String[] lines = text.split("\n", -1);
        int replaced = 0;
        // right to left on each line, so earlier columns stay valid
        List<PlanIssue> fixable = issues.stream().filter(i -> i.key() != null && i.fix() != null && i.line() > 0
                        && i.line() <= lines.length)
                .sorted(Comparator.comparingInt(PlanIssue::line).thenComparing(PlanIssue::column, Comparator.reverseOrder()))
                .toList();
        for (PlanIssue i : fixable) {
            Matcher m = REPLACE_FIX.matcher(i.fix());
            String line = lines[i.line() - 1];
            int at = line.indexOf(i.key(), Math.max(0, i.column() - 1));
            if (m.find() && at >= 0) {
                lines[i.line() - 1] = line.substring(0, at) + m.group(1) + line.substring(at + i.key().length());
                replaced++;
            }
        }
        return new Result(String.join("\n", lines), replaced);
    }
}
