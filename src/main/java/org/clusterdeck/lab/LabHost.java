package org.clusterdeck.lab;

import java.nio.file.Path;
import java.security.PublicKey;

/** One running practice host: its number, names, address, sshd port and host key. */
public record LabHost(int number, String name, String namespace, String address, int sshPort,
                      PublicKey hostKey, String hostKeyFingerprint, Path privateKey) {
}
