package org.clusterdeck.harden;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.clusterdeck.tuning.SysctlCatalog;

/**
 * "Paste a snippet": reads firewall rules or hardening commands someone pasted (from a tutorial,
 * an old script; lines may be glued together) and reports each problem with its reason and fix,
 * plus the ClusterDeck plan that does the same job right. The text is only parsed, never run.
 * <pre>{@code
 * SnippetReport r = SnippetCheck.check(Files.readString(file));
 * System.out.print(r.render());
 * }</pre>
 */
public final class SnippetCheck {
    /** Longer pastes are refused: a hardening snippet is a page, not a log file. */
    public static final int MAX_CHARS = 200_000;
    private static final Pattern SYSCTL_LINE = Pattern.compile(
            "^(?:sudo\\s+)?(?:sysctl\\s+(?:-q\\s+)?-w\\s+|#\\s*(?:\\S*/\\S*\\s+)?)?-?[A-Za-z0-9_-]+(?:\\.[A-Za-z0-9_*:-]+)+\\s*=.*");
    private static volatile SysctlCatalog catalog;

    private SnippetCheck() {
    }

    public static SnippetReport check(String text) {
        if (text == null || text.isBlank()) {
            throw new HardenException("Nothing to check: paste firewall rules, sshd_config lines, sysctl settings or hardening commands.");
        }
        if (text.length() > MAX_CHARS) {
            throw new HardenException("The pasted text has " + text.length() + " characters; at most " + MAX_CHARS
                    + " are checked. Paste the hardening part only.");
        }
        SnippetFindings f = new SnippetFindings();
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        Set<Integer> sysctlLines = new TreeSet<>();
        for (int i = 0; i < lines.length; i++) {
            general(lines[i], i + 1, f);
            if (SYSCTL_LINE.matcher(lines[i].strip()).matches()) {
                sysctlLines.add(i + 1);
                SnippetHostRules.sysctl(lines[i], i + 1, f, catalog());
            }
        }
        List<SnippetCommand> commands = SnippetCommand.split(text).stream().filter(c -> !sysctlLines.contains(c.line())).toList();
        glued(commands, f);
        SnippetFirewallRules firewall = new SnippetFirewallRules(f);
        List<String> unchecked = new ArrayList<>();
        SnippetCommand previous = null;
        for (SnippetCommand c : commands) {
            boolean known = firewall.check(c) | SnippetHostRules.check(c, f);
            if (c.piped() && previous != null && List.of("sh", "bash", "zsh").contains(c.name())
                    && List.of("curl", "wget").contains(previous.name())) {
                f.error(c, "runs a script straight from the network as it arrives: whoever controls that server (or the "
                        + "network path) runs commands on this host, and a cut download runs half a script", "download, read, then run it");
                known = true;
            }
            // prose around pasted commands (headings, list dashes, other scripts) is no command: not listed
            boolean prose = !c.name().matches("[a-z][a-z0-9_.+-]*");
            if (!known && !prose && !List.of("echo", "printf", "sudo", "cat", "tee", "sleep").contains(c.name())) {
                unchecked.add("line " + c.line() + ": " + c.raw());
            }
            previous = c;
        }
        firewall.finish();
        List<SnippetProblem> problems = new ArrayList<>(f.problems);
        problems.sort(Comparator.comparingInt(SnippetProblem::line).thenComparingInt(SnippetProblem::column));
        List<String> plan = new ArrayList<>();
        Map<HardenStep, Set<String>> steps = new LinkedHashMap<>(f.steps);
        steps.values().forEach(plan::addAll);
        return new SnippetReport(problems, steps.keySet(), f.options, plan, unchecked);
    }

    private static SysctlCatalog catalog() {
        SysctlCatalog c = catalog;
        if (c == null) {
            c = SysctlCatalog.load();
            catalog = c;
        }
        return c;
    }

    /** Problems any line can have: characters that hide text, and shell substitutions that would run something. */
    private static void general(String line, int lineNo, SnippetFindings f) {
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if ((ch < 0x20 && ch != '\t') || ch == 0x7f || (ch >= 0x202a && ch <= 0x202e) || (ch >= 0x2066 && ch <= 0x2069)) {
                f.problems.add(new SnippetProblem(org.clusterdeck.tuning.Severity.WARNING, lineNo, i + 1, line.strip(),
                        "a control character (shown escaped) is in the text: terminal escapes and direction marks can hide what a "
                                + "line really does when it is shown or pasted into a shell", "retype the line; ClusterDeck shows it escaped"));
                break;
            }
        }
        int sub = line.indexOf("$(");
        int tick = line.indexOf('`');
        int at = sub < 0 ? tick : tick < 0 ? sub : Math.min(sub, tick);
        if (at >= 0) {
            f.problems.add(new SnippetProblem(org.clusterdeck.tuning.Severity.WARNING, lineNo, at + 1, line.strip(),
                    "command substitution ($(…) or `…`): in a shell this line first runs another command and uses what it prints; "
                            + "ClusterDeck only read it, nothing was run", "replace the substitution with the value you mean"));
        }
    }

    /** One problem per line where commands or config lines are run together without a separator. */
    private static void glued(List<SnippetCommand> commands, SnippetFindings f) {
        for (int i = 1; i < commands.size(); i++) {
            SnippetCommand c = commands.get(i);
            if (!c.glued() || (commands.get(i - 1).glued() && commands.get(i - 1).line() == c.line())) {
                continue;
            }
            SnippetCommand first = commands.get(i - 1);
            List<String> parts = new ArrayList<>(List.of(first.raw()));
            for (int j = i; j < commands.size() && commands.get(j).glued() && commands.get(j).line() == c.line(); j++) {
                parts.add(commands.get(j).raw());
            }
            String reason;
            if (SnippetHostRules.SSHD_KEYWORDS.contains(first.args().isEmpty() ? "" : first.args().get(0).toLowerCase(java.util.Locale.ROOT))) {
                reason = parts.size() + " sshd_config settings on one line: sshd reads one keyword per line, so sshd -t rejects it "
                        + "(and sshd would not start with it)";
            } else if (first.name().equals("journalctl") && c.name().equals("grep")) {
                reason = "journalctl and grep run together without '|': journalctl takes \"" + String.join(" ", c.words())
                        + "\" as journal match arguments and fails; you meant one of: journalctl -p err, journalctl -g error, "
                        + "or grep error on a log file";
            } else {
                reason = parts.size() + " commands run together on one line without ';', '&&', '|' or a line break: pasted into a "
                        + "shell, the first command gets the others' words as its arguments and fails or does something else";
            }
            f.add(org.clusterdeck.tuning.Severity.WARNING, first, reason + " (" + String.join("  ⏎  ", parts) + ")",
                    "put each command on its own line");
        }
    }
}
