package org.clusterdeck.harden;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One command (or config line) cut out of pasted text: its words as the shell would see them
 * (quotes removed), where it starts, the pasted text it came from, the file its output is
 * redirected to, and whether it was glued to the command before it without a separator. Text is
 * only read here; nothing is ever run.
 */
record SnippetCommand(int line, int column, String raw, List<String> words, String redirect, boolean glued, boolean piped) {
    /** Commands that start a new command when they appear among another command's words (pasted lines run together). */
    static final Set<String> COMMANDS = Set.of("iptables", "ip6tables", "iptables-save", "ip6tables-save", "iptables-restore",
            "ip6tables-restore", "iptables-apply", "netfilter-persistent", "nft", "ufw", "firewall-cmd", "systemctl", "service",
            "echo", "printf", "journalctl", "grep", "audit2why", "audit2allow", "aa-status", "aa-enforce", "aa-complain",
            "aa-disable", "aa-teardown", "apparmor_parser", "sysctl", "tee", "rm", "curl", "wget", "ln", "setenforce", "sleep",
            "systemd-run", "sudo", "at", "apt-get", "apt", "dnf", "yum");
    /** Commands that run the command after them. */
    static final Set<String> WRAPPERS = Set.of("sudo", "systemd-run", "nohup", "timeout", "at", "env", "nice", "time", "doas");

    /** The command's words without sudo/systemd-run/… in front. */
    List<String> args() {
        int i = 0;
        while (i < words.size() && WRAPPERS.contains(words.get(i))) {
            i++;
            while (i < words.size() && (words.get(i).startsWith("-") || (i > 0 && words.get(i - 1).equals("timeout")))) {
                i++;
            }
        }
        return words.subList(i, words.size());
    }

    /** The command name (after wrappers), lower case; "" when there is none. */
    String name() {
        List<String> a = args();
        return a.isEmpty() ? "" : a.get(0).replaceAll("^.*/", "").toLowerCase(Locale.ROOT);
    }

    boolean wrapped() {
        return !words.isEmpty() && WRAPPERS.contains(words.get(0));
    }

    /** The value after an option ("-j" → "DROP"), or null. */
    String option(String... names) {
        List<String> a = args();
        for (int i = 0; i < a.size(); i++) {
            for (String n : names) {
                if (a.get(i).equals(n) && i + 1 < a.size()) {
                    return a.get(i + 1);
                }
                if (n.startsWith("--") && a.get(i).startsWith(n + "=")) {
                    return a.get(i).substring(n.length() + 1);
                }
            }
        }
        return null;
    }

    boolean has(String word) {
        return args().contains(word);
    }

    boolean hasPrefix(String prefix) {
        return args().stream().anyMatch(w -> w.startsWith(prefix));
    }

    /** Splits pasted text into commands: at line breaks, ; && || | &, and where a known command starts inside another's words. */
    static List<SnippetCommand> split(String text) {
        List<SnippetCommand> out = new ArrayList<>();
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            splitLine(lines[n], n + 1, out);
        }
        return out;
    }

    private record Token(String text, int start, int end, boolean op, boolean quoted) {
    }

    private static void splitLine(String line, int lineNo, List<SnippetCommand> out) {
        List<Token> tokens = tokens(line);
        List<Token> cur = new ArrayList<>();
        String redirect = null;
        boolean glued = false;
        boolean piped = false;
        boolean expectRedirect = false;
        int redirectEnd = -1;
        int braces = 0;
        for (Token t : tokens) {
            if (t.op() && t.text().equals(";") && braces > 0) {
                cur.add(t); // nft's "{ type filter hook input priority 0; policy drop; }": inside braces ';' separates nothing
                continue;
            }
            if (!t.op() && !t.quoted()) {
                braces += (int) (t.text().chars().filter(ch -> ch == '{').count() - t.text().chars().filter(ch -> ch == '}').count());
            }
            if (t.op()) {
                if (t.text().contains(">")) {
                    expectRedirect = true;
                    continue;
                }
                if (t.text().equals("<")) {
                    continue;
                }
                flush(line, lineNo, cur, redirect == null ? -1 : redirectEnd, redirect, glued, piped, out);
                cur = new ArrayList<>();
                redirect = null;
                glued = false;
                piped = t.text().equals("|");
                continue;
            }
            if (expectRedirect) {
                redirect = t.text();
                redirectEnd = t.end();
                expectRedirect = false;
                continue;
            }
            if (!cur.isEmpty() && !t.quoted() && startsCommand(t.text(), cur)) {
                flush(line, lineNo, cur, redirect == null ? -1 : redirectEnd, redirect, glued, piped, out);
                cur = new ArrayList<>();
                redirect = null;
                glued = true;
                piped = false;
            }
            cur.add(t);
        }
        flush(line, lineNo, cur, redirect == null ? -1 : redirectEnd, redirect, glued, piped, out);
    }

    /** Whether {@code word} begins a new command glued to {@code cur} (not an argument of it). */
    private static boolean startsCommand(String word, List<Token> cur) {
        String first = cur.get(0).text();
        boolean wrapperWaiting = WRAPPERS.contains(first) && cur.stream().skip(1).allMatch(t -> t.text().startsWith("-")
                || cur.get(cur.indexOf(t) - 1).text().equals("timeout"));
        if (wrapperWaiting) {
            return false;
        }
        if (COMMANDS.contains(word)) {
            return true;
        }
        // config lines pasted as one line: a keyword after another config line's value starts the next one
        boolean sshd = SnippetHostRules.SSHD_KEYWORDS.contains(word.toLowerCase(Locale.ROOT))
                && SnippetHostRules.SSHD_KEYWORDS.contains(first.toLowerCase(Locale.ROOT)) && cur.size() >= 2;
        boolean journald = SnippetHostRules.journaldKey(word) != null && SnippetHostRules.journaldKey(first) != null;
        return sshd || journald;
    }

    private static void flush(String line, int lineNo, List<Token> cur, int redirectEnd, String redirect, boolean glued, boolean piped,
                              List<SnippetCommand> out) {
        if (cur.isEmpty()) {
            return;
        }
        List<String> words = cur.stream().map(Token::text).toList();
        String raw = line.substring(cur.get(0).start(), Math.max(redirectEnd, cur.get(cur.size() - 1).end())).strip();
        out.add(new SnippetCommand(lineNo, cur.get(0).start() + 1, raw, words, redirect, glued, piped));
    }

    /** Shell-like words: quotes and backslashes removed; operators as their own tokens; a word-initial '#' ends the line. */
    private static List<Token> tokens(String line) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c == '#') {
                break;
            }
            String op = operator(line, i);
            if (op != null) {
                out.add(new Token(op, i, i + op.length(), true, false));
                i += op.length();
                continue;
            }
            int start = i;
            StringBuilder w = new StringBuilder();
            boolean quoted = false;
            while (i < n && !Character.isWhitespace(line.charAt(i)) && operator(line, i) == null) {
                char d = line.charAt(i);
                if (d == '\'' || d == '"') {
                    quoted = true;
                    int close = line.indexOf(d, i + 1);
                    int end = close < 0 ? n : close;
                    w.append(line, i + 1, end);
                    i = close < 0 ? n : close + 1;
                } else if (d == '\\' && i + 1 < n) {
                    w.append(line.charAt(i + 1));
                    i += 2;
                } else {
                    w.append(d);
                    i++;
                }
            }
            out.add(new Token(w.toString(), start, i, false, quoted));
        }
        return out;
    }

    private static String operator(String line, int i) {
        // ">&" and "&>" are redirections (2>&1), so they are matched before '&' and '>'
        for (String op : List.of("&&", "||", ">>", ">&", "&>", "|", ";", "&", ">", "<")) {
            if (line.startsWith(op, i)) {
                return op;
            }
        }
        return null;
    }
}
