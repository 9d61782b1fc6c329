package org.clusterdeck.harden;

import java.util.List;

/** Every hardening step ClusterDeck has, in {@link HardenStep} order. */
public final class HardenModules {
    private HardenModules() {
    }

    public static List<StepModule> all() {
        return List.of(
                new FirewallModule(),
                new SshModule(),
                new KernelModule(),
                new AppArmorModule(),
                new LoggingModule(),
                new UpdatesModule()
        );
    }
}
