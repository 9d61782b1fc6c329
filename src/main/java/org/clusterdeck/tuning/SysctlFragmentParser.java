package org.clusterdeck.tuning;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a pasted or imported {@code sysctl.conf} fragment, including the flattened form web pages
 * produce, where several {@code key=value} pairs and {@code # comments} share one line.
 */
public final class SysctlFragmentParser {
    /** A sysctl key (at least one dot or slash) followed by '=' at the start of a word. */
    private static final Pattern KEY_EQ = Pattern.compile(
            "(?<=^|\\s)-?([A-Za-z0-9_][A-Za-z0-9_*-]*(?:[./][A-Za-z0-9_*:-]+)+)\\s*=");
    private static final Pattern COMMAND = Pattern.compile("^(?:sudo\\s+)?sysctl\\s+(?:-q\\s+)?-w\\s+");

    /** The settings read and the problems found in the text itself. */
    public record Result(List<SettingInput> settings, List<PlanIssue> issues) {
    }

    private SysctlFragmentParser() {
    }

    public static Result parse(String text) {
        List<SettingInput> settings = new ArrayList<>();
        List<PlanIssue> issues = new ArrayList<>();
        String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            parseLine(lines[i], i + 1, settings, issues);
        }
        return new Result(settings, issues);
    }

    private static void parseLine(String raw, int lineNo, List<SettingInput> settings, List<PlanIssue> issues) {
        String line = raw.strip();
        if (line.isEmpty()) {
            return;
        }
        int indent = raw.indexOf(line);
        Matcher command = COMMAND.matcher(line);
        if (command.find()) {
            issues.add(new PlanIssue(Severity.WARNING, lineNo, 1, null, null,
                    "this is a 'sysctl -w' command, not a sysctl.conf line; it was read as the setting it makes",
                    "write it as key = value"));
            indent += command.end();
            line = line.substring(command.end());
        }
        List<int[]> keys = new ArrayList<>(); // start of key, end of '='
        Matcher m = KEY_EQ.matcher(line);
        while (m.find()) {
            keys.add(new int[] {m.start(1), m.end()});
        }
        boolean commentLine = line.startsWith("#") || line.startsWith(";");
        if (keys.isEmpty()) {
            if (!commentLine) {
                issues.add(new PlanIssue(Severity.ERROR, lineNo, 1, null, null,
                        "'" + shorten(line) + "' is not a setting: a sysctl.conf line reads key = value",
                        "write key = value, or start the line with # to make it a comment"));
            }
            return;
        }
        boolean plain = !commentLine && keys.size() == 1 && keys.get(0)[0] <= 1 && commentStart(line, keys.get(0)[1]) < 0;
        if (!plain) {
            String why = commentLine
                    ? "in a real sysctl.conf this whole line is a comment, so none of them would be applied"
                    : "sysctl would read everything after the first '=' as one value";
            issues.add(new PlanIssue(Severity.WARNING, lineNo, 1, null, null,
                    "line holds " + keys.size() + " setting" + (keys.size() == 1 ? "" : "s") + " and comments run together; " + why
                            + "; each was read as its own setting",
                    "put each key = value on its own line and each comment on a line starting with #"));
        }
        for (int k = 0; k < keys.size(); k++) {
            int valueStart = keys.get(k)[1];
            int end = k + 1 < keys.size() ? keys.get(k + 1)[0] : line.length();
            int hash = commentStart(line, valueStart);
            if (hash >= 0 && hash < end) {
                end = hash;
            }
            String key = line.substring(keys.get(k)[0], valueStart).replaceAll("\\s*=$", "").replace('/', '.');
            String value = line.substring(valueStart, end).strip();
            if (k + 1 < keys.size() && value.endsWith("-")) {
                value = value.substring(0, value.length() - 1).strip(); // the next key's "ignore errors" dash
            }
            settings.add(new SettingInput(key, value, null, lineNo, indent + keys.get(k)[0] + 1));
        }
    }

    /** Index of a '#' that starts a word at or after {@code from}, or -1. */
    private static int commentStart(String line, int from) {
        for (int i = from; i < line.length(); i++) {
            if (line.charAt(i) == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return i;
            }
        }
        return -1;
    }

    private static String shorten(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
