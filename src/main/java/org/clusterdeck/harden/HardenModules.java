package org.clusterdeck.harden;

import java.util.List;

/** Every hardening step ClusterDeck has, in {@link HardenStep} order. */
public final class HardenModules {
    private HardenModules() {
    }

    /** {@code targets}: where the firewall's check from outside may connect (the app's inventory policy). */
    public static List<StepModule> all(org.clusterdeck.net.TargetPolicy targets) {
        return List.of(
                new FirewallModule(targets),
                new SshModule(),
                new KernelModule(),
                new PermissionsModule(),
                new AppArmorModule(),
                new LoggingModule(),
                new UpdatesModule()
        );
    }
}
