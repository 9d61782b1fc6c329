package org.clusterdeck.remote;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The printable form of a remote command for job logs and the audit trail: values that look like
 * secrets (after --password, in password=..., token=..., the attached {@code -pSECRET} of the
 * MySQL tools and sshpass, the password in {@code scheme://user:password@host}) become "***", and
 * standard input is summarised by its size, since it may carry file contents or keys.
 */
public final class CommandRedactor {
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(pass(word|wd|phrase)?|secret|token|api[-_]?key|private[-_]?key|credential).*");
    private static final Pattern SECRET_ASSIGNMENT = Pattern.compile(
            "(?i)^([^=\\s]*(pass(word|wd|phrase)?|secret|token|api[-_]?key|private[-_]?key|credential)[^=\\s]*=).+$");
    private static final String HIDDEN = "***";
    /** user:password@ after a scheme, anywhere in an argument (URLs, DSNs, git remotes). */
    private static final Pattern URL_CREDENTIALS = Pattern.compile("(?i)([a-z][a-z0-9+.-]*://[^/\\s:@]*):[^@\\s/]*@");
    /** Tools whose {@code -p} carries the password itself: attached ({@code -pSECRET}) or, for sshpass, next. */
    private static final Pattern PASSWORD_DASH_P_TOOLS = Pattern.compile(
            "(mysql|mysqldump|mysqladmin|mysqlcheck|mysqlimport|mysqlshow|mysqlslap|mysqlbinlog|mariadb[a-z-]*|sshpass)");

    private CommandRedactor() {
    }

    public static String redact(RemoteCommand command) {
        List<String> shown = new ArrayList<>();
        boolean hideNext = false;
        boolean dashPIsPassword = false;
        for (String arg : command.argv()) {
            if (hideNext) {
                shown.add(HIDDEN);
                hideNext = false;
                continue;
            }
            String tool = arg.substring(arg.lastIndexOf('/') + 1);
            if (PASSWORD_DASH_P_TOOLS.matcher(tool).matches()) {
                dashPIsPassword = true; // from here on (sudo, env, timeout … may come before the tool)
            }
            var m = SECRET_ASSIGNMENT.matcher(arg);
            if (m.matches()) {
                shown.add(m.group(1) + HIDDEN);
            } else if (dashPIsPassword && arg.startsWith("-p") && arg.length() > 2) {
                shown.add("-p" + HIDDEN);
            } else {
                shown.add(URL_CREDENTIALS.matcher(arg).replaceAll("$1:" + HIDDEN + "@"));
                hideNext = arg.startsWith("-") && SECRET_NAME.matcher(arg.toLowerCase(Locale.ROOT)).matches()
                        || dashPIsPassword && arg.equals("-p") && tool.equals("-p") && sshpassBefore(shown);
            }
        }
        String line = new RemoteCommand(shown, command.sudo(), null, command.timeout()).shellLine(true);
        if (command.stdin() != null) {
            line += "  <stdin: " + command.stdin().getBytes(java.nio.charset.StandardCharsets.UTF_8).length + " bytes>";
        }
        return line;
    }

    private static boolean sshpassBefore(List<String> shown) {
        return shown.stream().anyMatch(a -> a.substring(a.lastIndexOf('/') + 1).equals("sshpass"));
    }
}
