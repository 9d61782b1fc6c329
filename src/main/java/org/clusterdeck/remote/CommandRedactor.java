package org.clusterdeck.remote;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The printable form of a remote command for job logs and the audit trail: values that look like
 * secrets (after --password, in password=..., token=..., etc.) become "***", and standard input
 * is summarised by its size, since it may carry file contents or keys.
 */
public final class CommandRedactor {
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(pass(word|wd|phrase)?|secret|token|api[-_]?key|private[-_]?key|credential).*");
    private static final Pattern SECRET_ASSIGNMENT = Pattern.compile(
            "(?i)^([^=\\s]*(pass(word|wd|phrase)?|secret|token|api[-_]?key|private[-_]?key|credential)[^=\\s]*=).+$");
    private static final String HIDDEN = "***";

    private CommandRedactor() {
    }

    public static String redact(RemoteCommand command) {
        List<String> shown = new ArrayList<>();
        boolean hideNext = false;
        for (String arg : command.argv()) {
            if (hideNext) {
                shown.add(HIDDEN);
                hideNext = false;
                continue;
            }
            var m = SECRET_ASSIGNMENT.matcher(arg);
            if (m.matches()) {
                shown.add(m.group(1) + HIDDEN);
            } else {
                shown.add(arg);
                hideNext = arg.startsWith("-") && SECRET_NAME.matcher(arg.toLowerCase(Locale.ROOT)).matches();
            }
        }
        String line = new RemoteCommand(shown, command.sudo(), null, command.timeout()).shellLine(true);
        if (command.stdin() != null) {
            line += "  <stdin: " + command.stdin().getBytes(java.nio.charset.StandardCharsets.UTF_8).length + " bytes>";
        }
        return line;
    }
}
