package org.clusterdeck.remote;

import java.util.Locale;

/**
 * Asked when a host presents a key that is in no known-hosts file: true trusts it (it is then
 * saved), false refuses the connection. Called on the connecting (job) thread; the GUI
 * implementation hops to the FX thread and waits for the dialog.
 */
@FunctionalInterface
public interface HostKeyDecision {
    boolean trust(UnknownHostKey key);

    /** Refuses every unknown key: for batch work where nobody can confirm. */
    HostKeyDecision REJECT = key -> false;

    /**
     * Trusts the unknown key only if its SHA256 fingerprint is the one the user typed
     * ({@code --accept-new-host-key}); the "SHA256:" prefix is optional.
     */
    static HostKeyDecision acceptFingerprint(String expected) {
        String want = normalize(expected);
        return key -> want != null && want.equals(normalize(key.fingerprint()));
    }

    private static String normalize(String fp) {
        if (fp == null || fp.isBlank()) {
            return null;
        }
        String s = fp.strip();
        if (s.toUpperCase(Locale.ROOT).startsWith("SHA256:")) {
            s = s.substring(7);
        }
        while (s.endsWith("=")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }
}
