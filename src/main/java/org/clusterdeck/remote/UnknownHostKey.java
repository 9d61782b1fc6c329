package org.clusterdeck.remote;

/** A host key seen for the first time, as shown to the person who decides whether to trust it. */
public record UnknownHostKey(String hostName, String address, int port, String keyType, String fingerprint) {
    public String describe() {
        return "The host " + hostName + " (" + address + (port == 22 ? "" : ":" + port) + ") presented a "
                + keyType + " key with fingerprint " + fingerprint + " that ClusterDeck has not seen before.";
    }
}
