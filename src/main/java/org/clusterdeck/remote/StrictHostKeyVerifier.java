package org.clusterdeck.remote;

import java.security.PublicKey;
import java.util.List;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;

/**
 * sshj's host-key check, strict: a known key passes, a changed key is refused (also when only a
 * key of another type is on record for the host), an unknown key is trusted only when the
 * {@link HostKeyDecision} says so. Remembers why it refused, so the
 * connection error can explain it (sshj itself only says "could not verify").
 */
final class StrictHostKeyVerifier implements HostKeyVerifier {
    private final KnownHosts knownHosts;
    private final HostKeyDecision decision;
    private final String hostName;
    private volatile RemoteException refusal;
    private volatile String acceptedFingerprint;

    StrictHostKeyVerifier(KnownHosts knownHosts, HostKeyDecision decision, String hostName) {
        this.knownHosts = knownHosts;
        this.decision = decision;
        this.hostName = hostName;
    }

    @Override
    public boolean verify(String address, int port, PublicKey key) {
        KnownHosts.Verdict verdict = knownHosts.check(address, port, key);
        String fp = KnownHosts.fingerprint(key);
        switch (verdict.status()) {
            case KNOWN -> {
                acceptedFingerprint = fp;
                return true;
            }
            case CHANGED -> {
                refusal = new HostKeyChangedException(changedMessage(address, port, key, fp, verdict));
                return false;
            }
            default -> {
                UnknownHostKey unknown = new UnknownHostKey(hostName, address, port, KnownHosts.keyType(key), fp);
                boolean trusted;
                try {
                    trusted = decision.trust(unknown);
                } catch (RuntimeException e) {
                    refusal = new HostKeyRejectedException("Could not ask whether to trust the host key of "
                            + hostName + ": " + e.getMessage(), unknown);
                    return false;
                }
                if (!trusted) {
                    refusal = new HostKeyRejectedException(unknown.describe()
                            + " It was not confirmed, so ClusterDeck did not connect. Check the fingerprint on the host"
                            + " (ssh-keygen -lf /etc/ssh/ssh_host_" + shortType(unknown.keyType()) + "_key.pub) and"
                            + " confirm it (CLI: --accept-new-host-key " + fp + ").", unknown);
                    return false;
                }
                knownHosts.trust(address, port, key);
                acceptedFingerprint = fp;
                return true;
            }
        }
    }

    private String changedMessage(String address, int port, PublicKey key, String fp, KnownHosts.Verdict v) {
        String presented = KnownHosts.keyType(key);
        boolean otherType = v.recordedKey() != null && !v.recordedKey().startsWith(presented + " ");
        return "WARNING: the host key of " + hostName + " (" + KnownHosts.hostPattern(address, port) + ") has CHANGED: it now"
                + " presents a " + presented + " key " + fp + ", but " + v.conflictingFile() + " records "
                + (v.recordedKey() == null ? "another key" : v.recordedKey()) + " for it."
                + (otherType ? " A key of a different type is not a new host: a host keeps its keys, and an interceptor"
                        + " would simply offer a type that is not on record." : "")
                + " Either the host was re-installed (or its keys regenerated), or someone is"
                + " intercepting the connection (man-in-the-middle). ClusterDeck refused to connect. Verify the new"
                + " fingerprint on the host's console; if it is right, remove the old key ("
                + (v.conflictingFile().equals(knownHosts.ownFile())
                    ? "clusterdeck ssh forget-key " + hostName
                    : "ssh-keygen -R '" + KnownHosts.hostPattern(address, port) + "' -f " + v.conflictingFile())
                + ") and connect again to confirm the new one.";
    }

    private static String shortType(String keyType) {
        if (keyType.contains("ed25519")) {
            return "ed25519";
        }
        if (keyType.contains("ecdsa")) {
            return "ecdsa";
        }
        return "rsa";
    }

    @Override
    public List<String> findExistingAlgorithms(String address, int port) {
        return knownHosts.knownAlgorithms(address, port);
    }

    /** Why the last verification failed, or null. */
    RemoteException refusal() {
        return refusal;
    }

    String acceptedFingerprint() {
        return acceptedFingerprint;
    }
}
