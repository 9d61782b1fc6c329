package org.clusterdeck.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where ClusterDeck keeps its state: {@code --data-dir}, else {@code CLUSTERDECK_DATA}, else
 * {@code $XDG_DATA_HOME/clusterdeck}, else {@code ~/.local/share/clusterdeck}.
 */
public final class DataDirectory {
    public static final String ENV = "CLUSTERDECK_DATA";

    private DataDirectory() {
    }

    /** The value of {@code --data-dir DIR} or {@code --data-dir=DIR} on a command line, or null. */
    public static Path fromArgs(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--data-dir") && i + 1 < args.length) {
                return Path.of(args[i + 1]);
            }
            if (args[i].startsWith("--data-dir=")) {
                return Path.of(args[i].substring("--data-dir=".length()));
            }
        }
        return null;
    }

    /**
     * Creates {@code dir} private to its owner (0700) when missing, as the store requires;
     * leaves an existing one alone (the store checks it). For writing the log before the store opens.
     *
     * @return whether the directory exists now
     */
    public static boolean createPrivate(Path dir) {
        if (Files.isDirectory(dir)) {
            return true;
        }
        try {
            PrivateFiles.prepareDirectory(dir, java.util.List.of());
            return true;
        } catch (StoreException e) {
            return false;
        }
    }

    public static Path resolve(Path explicit, Map<String, String> env) {
        if (explicit != null) {
            return explicit.toAbsolutePath().normalize();
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv).toAbsolutePath().normalize();
        }
        String xdg = env.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "clusterdeck");
        }
        return Path.of(System.getProperty("user.home"), ".local", "share", "clusterdeck");
    }
}
