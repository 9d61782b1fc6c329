package org.clusterdeck.change;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.clusterdeck.remote.CommandResult;
import org.clusterdeck.remote.RemoteCommand;
import org.clusterdeck.remote.RemoteException;
import org.clusterdeck.remote.RemoteShell;

/**
 * Files on a host: read, compare, and write atomically. A write goes to a temporary file from
 * {@code mktemp} in the same directory (same file system, so the rename is atomic), takes the old
 * file's owner, group and mode ({@code --reference}), is checked against a SHA-256 of the content,
 * synced, then renamed into place; where SELinux is on, {@code restorecon} gives it the directory's
 * label. The path travels as an argument of a fixed script, never inside a shell line.
 */
public final class RemoteFiles {
    /** $1 path, $2 expected sha256 of stdin; the content arrives on stdin. */
    static final String WRITE_SCRIPT = String.join("\n",
            "set -eu",
            "f=$1",
            "d=$(dirname -- \"$f\"); b=$(basename -- \"$f\")",
            // the write stands alone (a dry run's commands, run by hand, work); the change engine records the
            // folders it creates as a step of their own, so a rollback removes them
            "mkdir -p -m 0755 -- \"$d\"",
            "t=$(mktemp \"$d/.$b.clusterdeck.XXXXXX\")",
            "trap 'rm -f -- \"$t\"' EXIT",
            "cat > \"$t\"",
            "h=$(sha256sum < \"$t\"); h=${h%% *}",
            "if [ \"$h\" != \"$2\" ]; then echo \"the content did not arrive intact (sha256 $h)\" >&2; exit 3; fi",
            "if [ -e \"$f\" ]; then chown --reference=\"$f\" -- \"$t\"; chmod --reference=\"$f\" -- \"$t\"; else chmod 0644 -- \"$t\"; fi",
            "sync -- \"$t\" 2>/dev/null || sync",
            "mv -f -- \"$t\" \"$f\"",
            "trap - EXIT",
            "if command -v restorecon >/dev/null 2>&1; then restorecon -- \"$f\" 2>/dev/null || true; fi");

    private final RemoteShell shell;

    public RemoteFiles(RemoteShell shell) {
        this.shell = shell;
    }

    /**
     * The path a change may touch: absolute, already normalised, no {@code ..}, no control
     * characters, not under /proc, /sys or /dev. Returns it; refuses anything else with a sentence.
     */
    public static String checkPath(String path) {
        if (path == null || path.isEmpty()) {
            throw new ChangeException("No file path given: name the file with its absolute path, e.g. /etc/sysctl.d/99-clusterdeck.conf.");
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new ChangeException("The path " + printable(path) + " contains a control character (code " + (int) c
                        + "); ClusterDeck only changes files whose path is plain text.");
            }
        }
        if (!path.startsWith("/")) {
            throw new ChangeException("The path " + printable(path) + " is not absolute: give the full path from /.");
        }
        for (String part : path.substring(1).split("/", -1)) {
            if (part.equals("..") || part.equals(".")) {
                throw new ChangeException("The path " + printable(path) + " contains '" + part
                        + "': give the real path without '.' or '..' parts.");
            }
            if (part.isEmpty()) {
                throw new ChangeException("The path " + printable(path) + " has an empty part ('//' or a trailing '/'): "
                        + "give the path of a file, written once.");
            }
        }
        if (path.length() > 1000) {
            throw new ChangeException("The path is " + path.length() + " characters long; at most 1000 are allowed.");
        }
        for (String virtual : List.of("/proc", "/sys", "/dev")) {
            if (path.equals(virtual) || path.startsWith(virtual + "/")) {
                throw new ChangeException("The path " + path + " is under " + virtual
                        + ", which holds kernel and device files, not configuration: change those with their own step kind (e.g. sysctl).");
            }
        }
        return path;
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder("'");
        s.codePoints().forEach(c -> sb.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", c) : new String(Character.toChars(c))));
        return sb.append("'").toString();
    }

    /** The file's content, or empty when it does not exist. */
    public Optional<String> read(String path) {
        CommandResult cat = shell.run(readCommand(checkPath(path)));
        if (cat.exitCode() == 1 && cat.stderr().contains("No such file or directory")) {
            return Optional.empty();
        }
        if (!cat.ok()) {
            throw new RemoteException("Cannot read " + path + " on " + shell.hostName() + ": " + firstLine(cat.stderr())
                    + ". The SSH user needs root or 'sudo -n' (passwordless sudo) to change host files.");
        }
        return Optional.of(cat.stdout());
    }

    /** Whether the file holds exactly {@code expected} (null: whether it is absent). */
    public boolean matches(String path, String expected) {
        Optional<String> now = read(path);
        return expected == null ? now.isEmpty() : now.map(expected::equals).orElse(false);
    }

    /** Writes the file atomically (see the class comment); throws with the host's reason when it fails. */
    public void write(String path, String content) {
        CommandResult r = shell.run(writeCommand(checkPath(path), content));
        if (!r.ok()) {
            throw new RemoteException("Could not write " + path + " on " + shell.hostName() + ": " + firstLine(r.stderr())
                    + ". The file was left as it was.");
        }
    }

    /** Removes the file (nothing when it is already gone). */
    public void remove(String path) {
        CommandResult r = shell.run(removeCommand(checkPath(path)));
        if (!r.ok()) {
            throw new RemoteException("Could not remove " + path + " on " + shell.hostName() + ": " + firstLine(r.stderr()) + ".");
        }
    }

    public static RemoteCommand readCommand(String path) {
        return RemoteCommand.sudo("env", "LC_ALL=C", "cat", "--", checkPath(path));
    }

    /** The one command that writes a file: a fixed script, the path and the content's hash as arguments. */
    public static RemoteCommand writeCommand(String path, String content) {
        return new RemoteCommand(List.of("sh", "-c", WRITE_SCRIPT, "clusterdeck-write", checkPath(path), sha256(content)),
                true, content, null);
    }

    public static RemoteCommand removeCommand(String path) {
        return RemoteCommand.sudo("rm", "-f", "--", checkPath(path));
    }

    static String sha256(String content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    static String firstLine(String s) {
        return s == null || s.isBlank() ? "(no message)" : s.strip().lines().findFirst().orElse("");
    }
}
