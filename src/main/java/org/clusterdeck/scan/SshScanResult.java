package org.clusterdeck.scan;

import java.util.List;

/**
 * What an SSH server offered before any key exchange: its identification, the algorithms of its
 * KEXINIT in its order of preference with their grades, the findings, and what was not checked.
 */
public record SshScanResult(String target, String address, int port, String banner, String protocol, String software,
        List<Algorithm> kex, List<Algorithm> hostKeys, List<Algorithm> ciphers, List<Algorithm> macs,
        List<String> compression, List<Finding> findings, List<String> notChecked, long elapsedMs) {

    /** One offered algorithm and its grade ({@link SshPolicy}). */
    public record Algorithm(String name, SshPolicy.Level grade, String why) {
    }

    public static List<String> names(List<Algorithm> algorithms) {
        return algorithms.stream().map(Algorithm::name).toList();
    }
}
