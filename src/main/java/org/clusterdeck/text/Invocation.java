package org.clusterdeck.text;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How the user starts ClusterDeck, for hints that name a command ("run ./run.sh lab up"): the
 * launcher run.sh announces in {@code CLUSTERDECK_LAUNCHER}, else {@code clusterdeck} when that
 * command is installed on the PATH, else {@code java -jar} with this jar. The one place that
 * builds such hints, so none names a command the user does not have.
 */
public final class Invocation {
    /** Set by run.sh (to how it was invoked, e.g. ./run.sh) and by installed launchers. */
    public static final String LAUNCHER_ENV = "CLUSTERDECK_LAUNCHER";

    private static final String LAUNCHER = launcher(System.getenv(LAUNCHER_ENV), System.getenv("PATH"), jarPath());

    private Invocation() {
    }

    /** The command line for ClusterDeck arguments, e.g. {@code command("lab up")} → "./run.sh lab up". */
    public static String command(String arguments) {
        return LAUNCHER + " " + arguments;
    }

    /** The same, prefixed with sudo when this process is not root (for commands that need root). */
    public static String asRoot(String arguments) {
        return (isRoot() ? "" : "sudo ") + command(arguments);
    }

    /** Whether this process runs as root (lab hosts need it: network namespaces and routes). */
    public static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[2].equals("0"); // the effective uid
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux: fall through to the user name
        }
        return "root".equals(System.getProperty("user.name"));
    }

    static String launcher(String env, String path, String jar) {
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (!dir.isBlank() && Files.isExecutable(Path.of(dir, "clusterdeck"))) {
                    return "clusterdeck";
                }
            }
        }
        // shown, never run by us; a path with odd characters is named as it is, in quotes the user can copy
        return "java -jar " + (jar == null ? "clusterdeck.jar" : jar.matches("[A-Za-z0-9_./:=+-]+") ? jar : "'" + jar + "'");
    }

    /** The jar this class was loaded from, relative to the working directory when under it; null when not from a jar. */
    private static String jarPath() {
        try {
            var source = Invocation.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return null;
            }
            Path p = Path.of(source.getLocation().toURI());
            if (!p.toString().toLowerCase(Locale.ROOT).endsWith(".jar")) {
                return "target/clusterdeck.jar"; // classes from a build directory: the jar the build makes
            }
            Path cwd = Path.of("").toAbsolutePath();
            return p.startsWith(cwd) ? cwd.relativize(p).toString() : p.toString();
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
