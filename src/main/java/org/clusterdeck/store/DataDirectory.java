package org.clusterdeck.store;

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
