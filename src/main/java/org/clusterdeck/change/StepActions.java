package org.clusterdeck.change;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.clusterdeck.model.ChangeStep;
import org.clusterdeck.model.StepKind;
import org.clusterdeck.remote.CommandResult;
import org.clusterdeck.remote.RemoteCommand;
import org.clusterdeck.remote.RemoteException;
import org.clusterdeck.remote.RemoteShell;

/**
 * How each kind of step reads its current state, sets a value and checks it: the one place that
 * knows the commands, used by apply, rollback and the dry-run preview.
 */
public final class StepActions {
    static final String SYSCTL = "/sbin/sysctl";
    /** Firewall targets and their save/restore commands (restore reads the whole ruleset on stdin). */
    static final Map<String, List<List<String>>> FIREWALLS = Map.of(
            "iptables", List.of(List.of("iptables-save"), List.of("iptables-restore")),
            "ip6tables", List.of(List.of("ip6tables-save"), List.of("ip6tables-restore")));
    /** The nftables target: ClusterDeck's own table, replaced whole in one transaction, never the rest of the ruleset. */
    public static final String NFT = "nft";
    static final String NFT_TABLE = "inet clusterdeck";
    /** Units reload or restart through systemctl; these are the actions a SERVICE_RELOAD step may name. */
    static final List<String> SERVICE_ACTIONS = List.of("reload", "restart", "reload-or-restart", "try-reload-or-restart");
    /** A filter table with nothing in it: restoring it empties what an empty saved ruleset cannot. */
    static final String EMPTY_FILTER = "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\nCOMMIT\n";

    private StepActions() {
    }

    /** The step's current value on the host (null: a file that does not exist). */
    public static String read(RemoteShell shell, StepKind kind, String target) {
        return switch (kind) {
            case FILE -> new RemoteFiles(shell).read(target).orElse(null);
            case SYSCTL -> {
                CommandResult r = shell.run(RemoteCommand.of(SYSCTL, "-n", "--", checkKey(target)));
                if (!r.ok()) {
                    throw new RemoteException("Cannot read " + target + " on " + shell.hostName() + ": " + RemoteFiles.firstLine(r.stderr()) + ".");
                }
                yield normalize(r.stdout());
            }
            case FIREWALL -> {
                if (NFT.equals(target)) {
                    yield readNft(shell);
                }
                CommandResult r = shell.run(new RemoteCommand(firewall(target).get(0), true, null, null));
                if (!r.ok()) {
                    throw new RemoteException("Cannot save the " + target + " ruleset on " + shell.hostName() + ": "
                            + RemoteFiles.firstLine(r.stderr()) + ". Install iptables on the host.");
                }
                yield withFilterTable(r.stdout());
            }
            default -> throw new ChangeException(kind + " steps have no state to read.");
        };
    }

    /** ClusterDeck's nftables table as listed (empty: there is none). */
    private static String readNft(RemoteShell shell) {
        CommandResult r = shell.run(RemoteCommand.sudo("nft", "list", "table", "inet", "clusterdeck"));
        if (r.ok()) {
            return r.stdout();
        }
        if (r.stderr().contains("No such file or directory")) {
            return "";
        }
        throw new RemoteException("Cannot list nftables on " + shell.hostName() + ": " + RemoteFiles.firstLine(r.stderr())
                + ". Install nftables on the host.");
    }

    /** Whether a step kind has a state that is read, recorded and restored (reloads and commands do not). */
    public static boolean hasState(StepKind kind) {
        return kind == StepKind.FILE || kind == StepKind.SYSCTL || kind == StepKind.FIREWALL;
    }

    /** nft input that replaces ClusterDeck's table with {@code rules} (blank: removes it) in one transaction. */
    static String nftReplace(String rules) {
        String head = "table " + NFT_TABLE + "\ndelete table " + NFT_TABLE + "\n";
        return rules == null || rules.isBlank() ? head : head + rules + (rules.endsWith("\n") ? "" : "\n");
    }

    /** The commands that set {@code value} (null: remove the file), as shown in a dry run and run by {@link #set}. */
    public static List<RemoteCommand> commands(StepKind kind, String target, String value) {
        List<RemoteCommand> out = new ArrayList<>();
        switch (kind) {
            case FILE -> out.add(value == null ? RemoteFiles.removeCommand(target) : RemoteFiles.writeCommand(target, value));
            case SYSCTL -> out.add(RemoteCommand.sudo(SYSCTL, "-w", "--", checkKey(target) + "=" + value));
            case FIREWALL -> {
                // the host's own parser checks the whole candidate first, so a ruleset it would reject never half-applies
                if (NFT.equals(target)) {
                    out.add(new RemoteCommand(List.of("nft", "-c", "-f", "-"), true, nftReplace(value), null));
                    out.add(new RemoteCommand(List.of("nft", "-f", "-"), true, nftReplace(value), null));
                } else {
                    List<String> test = new ArrayList<>(firewall(target).get(1));
                    test.add("--test");
                    out.add(new RemoteCommand(test, true, value, null));
                    out.add(new RemoteCommand(firewall(target).get(1), true, value, null));
                }
            }
            case SERVICE_RELOAD -> out.add(RemoteCommand.sudo("systemctl", checkAction(value), "--", checkUnit(target)));
            case COMMAND -> out.add(new RemoteCommand(List.of("sh", "-c", value), true, null, java.time.Duration.ofMinutes(5)));
        }
        return out;
    }

    /**
     * Sets the value and checks it reads back; throws with the host's reason when it does not.
     * Returns the value as the host reads it back (for nftables, its own listing of the table);
     * null for steps without state (reloads, commands).
     */
    public static String set(RemoteShell shell, StepKind kind, String target, String value) {
        for (RemoteCommand c : commands(kind, target, value)) {
            CommandResult r = shell.run(c);
            if (!r.ok()) {
                String why = RemoteFiles.firstLine(r.stderr().isBlank() ? r.stdout() : r.stderr());
                throw new RemoteException("Could not " + (hasState(kind) ? "set " + kind.name().toLowerCase() + " " : "run ")
                        + target + " on " + shell.hostName() + ": " + why + ".");
            }
        }
        if (!hasState(kind)) {
            return null;
        }
        String now = read(shell, kind, target);
        boolean ok = NFT.equals(target) && kind == StepKind.FIREWALL ? now.isBlank() == (value == null || value.isBlank())
                : same(kind, now, value);
        if (!ok) {
            throw new RemoteException(target + " on " + shell.hostName() + " reads back as " + abbreviate(now) + ", not "
                    + abbreviate(value) + ".");
        }
        return now;
    }

    /** Whether two values of a step are the same state (sysctl blanks and firewall counters do not count). */
    public static boolean same(StepKind kind, String a, String b) {
        if (a == null || b == null) {
            return a == b;
        }
        return switch (kind) {
            case FIREWALL -> sameRules(a, b) || nftRules(a).equals(nftRules(b));
            case SYSCTL -> normalize(a).equals(normalize(b));
            default -> a.equals(b);
        };
    }

    /** Puts the step's before-value back; a command runs its undo line; a reload is run again by the caller, last. */
    public static void undo(RemoteShell shell, ChangeStep step) {
        switch (step.kind()) {
            case SERVICE_RELOAD -> {
            }
            case COMMAND -> {
                if (step.before() != null && !step.before().isBlank()) {
                    set(shell, StepKind.COMMAND, step.target(), step.before());
                }
            }
            default -> set(shell, step.kind(), step.target(), step.existedBefore() ? step.before() : null);
        }
    }

    /**
     * Undoes {@code steps} (newest first, as given) and then runs their reloads again, so a service
     * reads its restored files; returns the targets that could not be restored, with why.
     */
    public static List<String> undoAll(RemoteShell shell, List<ChangeStep> newestFirst, java.util.function.Consumer<ChangeStep> restored) {
        List<String> problems = new ArrayList<>();
        List<ChangeStep> reloads = new ArrayList<>();
        for (ChangeStep s : newestFirst) {
            if (s.kind() == StepKind.SERVICE_RELOAD) {
                reloads.add(0, s);
                continue;
            }
            try {
                undo(shell, s);
                restored.accept(s);
            } catch (RuntimeException e) {
                problems.add(s.target() + ": " + e.getMessage());
            }
        }
        for (ChangeStep r : reloads) {
            try {
                set(shell, StepKind.SERVICE_RELOAD, r.target(), r.after());
                restored.accept(r);
            } catch (RuntimeException e) {
                problems.add(r.target() + ": " + e.getMessage());
            }
        }
        return problems;
    }

    /**
     * A POSIX sh script that puts every step's before-value back (newest first, reloads last),
     * carrying the saved contents inside it as base64, for a revert armed on the host. One failing
     * line does not stop the others.
     */
    public static String revertScript(List<ChangeStep> steps) {
        StringBuilder sb = new StringBuilder("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n");
        List<String> reloads = new ArrayList<>();
        for (int i = steps.size() - 1; i >= 0; i--) {
            ChangeStep s = steps.get(i);
            String before = s.existedBefore() ? s.before() : null;
            switch (s.kind()) {
                case FILE -> sb.append(before == null ? "rm -f -- " + org.clusterdeck.remote.ShellQuote.quote(s.target())
                        : "printf '%s' " + b64(before) + " | base64 -d > " + org.clusterdeck.remote.ShellQuote.quote(s.target()));
                case SYSCTL -> sb.append(SYSCTL + " -w -- " + org.clusterdeck.remote.ShellQuote.quote(s.target() + "=" + before));
                case FIREWALL -> sb.append("printf '%s' ").append(b64(NFT.equals(s.target()) ? nftReplace(before) : before))
                        .append(" | base64 -d | ").append(NFT.equals(s.target()) ? "nft -f -" : org.clusterdeck.remote.ShellQuote.join(firewall(s.target()).get(1)));
                case COMMAND -> sb.append(before == null || before.isBlank() ? ":" : "sh -c " + org.clusterdeck.remote.ShellQuote.quote(before));
                case SERVICE_RELOAD -> reloads.add(0, "systemctl " + checkAction(s.after()) + " -- " + org.clusterdeck.remote.ShellQuote.quote(checkUnit(s.target())));
            }
            if (s.kind() != StepKind.SERVICE_RELOAD) {
                sb.append('\n');
            }
        }
        reloads.forEach(r -> sb.append(r).append('\n'));
        return sb.toString();
    }

    private static String b64(String s) {
        return java.util.Base64.getEncoder().encodeToString((s == null ? "" : s).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static String checkUnit(String unit) {
        if (unit == null || !unit.matches("[A-Za-z0-9@._:-]+") || unit.startsWith("-")) {
            throw new ChangeException("'" + String.valueOf(unit).replaceAll("\\p{Cntrl}", "?") + "' is not a systemd unit name.");
        }
        return unit;
    }

    static String checkAction(String action) {
        if (!SERVICE_ACTIONS.contains(action)) {
            throw new ChangeException("A service step reloads or restarts (" + String.join(", ", SERVICE_ACTIONS) + "), not '"
                    + String.valueOf(action).replaceAll("\\p{Cntrl}", "?") + "'.");
        }
        return action;
    }

    /** An nftables listing without what changes on its own (handles, counters) or does not matter (blanks, comments). */
    static List<String> nftRules(String s) {
        if (s == null) {
            return List.of();
        }
        return s.lines().map(l -> l.replaceAll("#.*", "").replaceAll("\\s+", " ").replaceAll(" counter packets \\d+ bytes \\d+", " counter").strip())
                .filter(l -> !l.isEmpty()).toList();
    }

    static List<List<String>> firewall(String target) {
        List<List<String>> f = FIREWALLS.get(target);
        if (f == null) {
            throw new ChangeException("Unknown firewall '" + target + "': ClusterDeck manages " + String.join(", ", FIREWALLS.keySet()) + ".");
        }
        return f;
    }

    static String checkKey(String key) {
        if (!key.matches("[A-Za-z0-9_][A-Za-z0-9_./:-]*")) {
            throw new ChangeException("'" + key.replaceAll("\\p{Cntrl}", "?") + "' is not a sysctl key (letters, digits, '.', '_', '-', '/').");
        }
        return key;
    }

    static String normalize(String v) {
        return v == null ? null : v.strip().replaceAll("\\s+", " ");
    }

    /** A saved ruleset that restores to exactly itself: without a filter table, restore would keep today's rules. */
    static String withFilterTable(String saved) {
        return saved.contains("*filter") ? saved : saved + EMPTY_FILTER;
    }

    /** Rulesets compared without comments and packet counters, which change on their own. */
    static boolean sameRules(String a, String b) {
        return a != null && b != null && rules(a).equals(rules(b));
    }

    /**
     * The lines without comments and counters, table by table in name order: iptables-save prints
     * its tables in an order of its own (iptables-nft: the kernel's), which carries no meaning.
     */
    private static List<String> rules(String s) {
        java.util.TreeMap<String, List<String>> tables = new java.util.TreeMap<>();
        List<String> current = new ArrayList<>();
        tables.put("", current);
        for (String l : s.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).map(l -> l.replaceAll("\\[\\d+:\\d+]", "")).toList()) {
            if (l.startsWith("*")) {
                current = tables.computeIfAbsent(l, k -> new ArrayList<>());
            }
            current.add(l);
        }
        return tables.values().stream().flatMap(List::stream).toList();
    }

    static String abbreviate(String s) {
        if (s == null) {
            return "(absent)";
        }
        String one = s.replaceAll("\\p{Cntrl}", " ");
        return one.length() > 80 ? one.substring(0, 77) + "..." : one;
    }
}
