package org.clusterdeck.lab;

import java.nio.file.Path;
import java.security.PublicKey;

/**
 * One running practice host: its number, name, container (machine) name, address, sshd port,
 * host key, the key that logs in to it, and its role (lb, web or db).
 */
public record LabHost(int number, String name, String namespace, String address, int sshPort,
                      PublicKey hostKey, String hostKeyFingerprint, Path privateKey, String role) {
}
