package org.clusterdeck.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The one way a test skips for a missing real part (root, a package, a service). Prints why; and
 * where the parts must be there (CI sets {@code CLUSTERDECK_REQUIRE_REAL_PARTS=1} in .ci/run) the
 * skip fails the test instead, so a suite cannot pass by skipping.
 */
public final class RealParts {
    public static final String REQUIRE_ENV = "CLUSTERDECK_REQUIRE_REAL_PARTS";

    private RealParts() {
    }

    /** True when missing parts must fail the run instead of skipping. */
    public static boolean required() {
        return "1".equals(System.getenv(REQUIRE_ENV));
    }

    /** Skips the test with {@code reason} printed, or fails it when real parts are required. */
    public static void skip(String reason) {
        if (required()) {
            Assertions.fail("a real part is missing and " + REQUIRE_ENV + "=1 forbids skipping: " + reason);
        }
        System.out.println("SKIPPED: " + reason);
        Assumptions.abort(reason);
    }

    /** Skips (or fails, see {@link #skip}) unless {@code present}. */
    public static void require(boolean present, String reason) {
        if (!present) {
            skip(reason);
        }
    }

    /** Skips (or fails) when {@code why} is not null; for checks that return the missing part. */
    public static void requireNone(String why) {
        if (why != null) {
            skip(why);
        }
    }

    public static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
