package org.clusterdeck.virt;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Names ClusterDeck accepts for VMs, snapshots and volumes. libvirt itself accepts almost any text,
 * but the name also becomes a file name, a guest host name (cloud-init) and a shell argument, so
 * we keep to the portable subset.
 */
public final class NameRules {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

    private NameRules() {
    }

    /** The problem with {@code name} as a {@code what} ("VM", "snapshot") name, or empty when fine. */
    public static Optional<String> check(String what, String name) {
        if (name == null || name.isBlank()) {
            return Optional.of("A " + what + " name is required: letters, digits, '.', '_' and '-', e.g. web3.");
        }
        if (!NAME.matcher(name).matches()) {
            return Optional.of(what + " names use letters, digits, '.', '_' and '-', start with a letter or digit "
                    + "and have at most 63 characters; '" + Units.printable(name) + "' does not fit.");
        }
        return Optional.empty();
    }

    public static String require(String what, String name) {
        check(what, name).ifPresent(p -> {
            throw new VirtException("INVALID", p);
        });
        return name;
    }
}
