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

    /** The commands that set {@code value} (null: remove the file), as shown in a dry run and run by {@link #set}. */
    public static List<RemoteCommand> commands(StepKind kind, String target, String value) {
        List<RemoteCommand> out = new ArrayList<>();
        switch (kind) {
            case FILE -> out.add(value == null ? RemoteFiles.removeCommand(target) : RemoteFiles.writeCommand(target, value));
            case SYSCTL -> out.add(RemoteCommand.sudo(SYSCTL, "-w", "--", checkKey(target) + "=" + value));
            case FIREWALL -> out.add(new RemoteCommand(firewall(target).get(1), true, value, null));
            default -> throw new ChangeException(kind + " steps cannot be set to a value; run their command instead.");
        }
        return out;
    }

    /** Sets the value and checks it reads back; throws with the host's reason when it does not. */
    public static void set(RemoteShell shell, StepKind kind, String target, String value) {
        for (RemoteCommand c : commands(kind, target, value)) {
            CommandResult r = shell.run(c);
            if (!r.ok()) {
                throw new RemoteException("Could not set " + kind.name().toLowerCase() + " " + target + " on " + shell.hostName()
                        + ": " + RemoteFiles.firstLine(r.stderr()) + ".");
            }
        }
        String now = read(shell, kind, target);
        if (!same(kind, now, value)) {
            throw new RemoteException(target + " on " + shell.hostName() + " reads back as " + abbreviate(now) + ", not "
                    + abbreviate(value) + ".");
        }
    }

    /** Whether two values of a step are the same state (sysctl blanks and firewall counters do not count). */
    public static boolean same(StepKind kind, String a, String b) {
        if (a == null || b == null) {
            return a == b;
        }
        return switch (kind) {
            case FIREWALL -> sameRules(a, b);
            case SYSCTL -> normalize(a).equals(normalize(b));
            default -> a.equals(b);
        };
    }

    /** Puts the step's before-value back. */
    public static void undo(RemoteShell shell, ChangeStep step) {
        set(shell, step.kind(), step.target(), step.existedBefore() ? step.before() : null);
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

    private static List<String> rules(String s) {
        return s.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).map(l -> l.replaceAll("\\[\\d+:\\d+]", "")).toList();
    }

    static String abbreviate(String s) {
        if (s == null) {
            return "(absent)";
        }
        String one = s.replaceAll("\\p{Cntrl}", " ");
        return one.length() > 80 ? one.substring(0, 77) + "..." : one;
    }
}
