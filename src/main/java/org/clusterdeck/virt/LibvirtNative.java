package org.clusterdeck.virt;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks once whether the native libvirt library can be loaded, before any libvirt-java class is
 * touched: libvirt-java loads it in a static initializer, and a failure there would poison its
 * classes for the rest of the process. Without it, VM features say so; everything else works.
 */
public final class LibvirtNative {
    private static final Logger LOG = LoggerFactory.getLogger(LibvirtNative.class);
    public static final String PACKAGE_HINT = "Install the libvirt library (Debian/Ubuntu: apt install libvirt0; "
            + "Fedora: dnf install libvirt-libs) and restart ClusterDeck.";
    /** Set to true to see how ClusterDeck behaves on a machine without libvirt (for tests and demos). */
    public static final String PRETEND_MISSING = "clusterdeck.virt.pretendMissing";
    private static volatile Optional<String> problem;

    private LibvirtNative() {
    }

    /** Empty when libvirt can be used; otherwise why not, with the package to install. */
    public static synchronized Optional<String> problem() {
        if (Boolean.getBoolean(PRETEND_MISSING)) {
            return Optional.of("The libvirt library (libvirt.so.0) is not installed. " + PACKAGE_HINT);
        }
        if (problem == null) {
            problem = probe();
        }
        return problem;
    }

    public static void require() {
        problem().ifPresent(p -> {
            throw new VirtException("NO_LIBVIRT", p);
        });
    }

    private static Optional<String> probe() {
        try {
            com.sun.jna.NativeLibrary.getInstance("virt");
            return Optional.empty();
        } catch (UnsatisfiedLinkError e) {
            LOG.warn("libvirt native library not found: {}", e.getMessage());
            return Optional.of("The libvirt library (libvirt.so.0) is not installed. " + PACKAGE_HINT);
        } catch (NoClassDefFoundError e) {
            return Optional.of("JNA is missing from the class path (" + e.getMessage() + "); this build is broken.");
        }
    }
}
