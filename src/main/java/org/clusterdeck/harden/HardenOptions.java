package org.clusterdeck.harden;

import java.time.Duration;
import java.util.Map;
import org.clusterdeck.change.GuardedApply;

/**
 * The user's choices that steps read: the guard window, and step options by name (e.g.
 * "ssh.permitRootLogin" = "prohibit-password", "firewall.sshRateLimit" = "10/minute",
 * "apparmor.mode" = "complain"). Each step documents its own option names and validates values.
 */
public record HardenOptions(Duration guard, Map<String, String> values) {
    public HardenOptions {
        guard = GuardedApply.checkDelay(guard == null ? GuardedApply.DEFAULT_DELAY : guard);
        values = Map.copyOf(values);
    }

    public static HardenOptions defaults() {
        return new HardenOptions(GuardedApply.DEFAULT_DELAY, Map.of());
    }

    public String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }
}
