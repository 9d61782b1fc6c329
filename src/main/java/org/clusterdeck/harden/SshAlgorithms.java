package org.clusterdeck.harden;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Key exchange, cipher, MAC and host-key algorithms for an sshd of a given OpenSSH version.
 *
 * <p>Reference: ssh-audit's server hardening guides, https://www.ssh-audit.com/hardening_guides.html
 * (the Debian 12 / Ubuntu 24.04 server guides as last modified October 1, 2024), cross-checked with
 * dev-sec's ssh-baseline / ansible-collection-hardening {@code ssh_hardening} defaults. Where they
 * disagree we follow ssh-audit, because its tool is what the tests run against the host:
 * <ul>
 *   <li>MACs: encrypt-then-MAC only; dev-sec also keeps {@code hmac-sha2-512}/{@code -256}
 *       (encrypt-and-MAC), which ssh-audit warns about and every client since OpenSSH 6.2 does not need.</li>
 *   <li>{@code diffie-hellman-group-exchange-sha256} is left out (both references list it): the guide
 *       makes it safe only by deleting the small groups from {@code /etc/ssh/moduli}, a second file we
 *       would have to rewrite and restore; the fixed 4096/8192-bit groups 16 and 18 remain.</li>
 *   <li>{@code chacha20-poly1305} stays first, as in the guides since October 2024: Terrapin
 *       (CVE-2023-48795) is answered by strict key exchange, which every patched sshd offers.</li>
 *   <li>No {@code RequiredRSASize 3072}: it would refuse a user's own 2048-bit RSA key, and
 *       ClusterDeck cannot see which key a person logs in with.</li>
 * </ul>
 * Post-quantum hybrids come first where the version has them: {@code sntrup761x25519-sha512@openssh.com}
 * from 8.5, {@code mlkem768x25519-sha256} from 9.9.
 */
final class SshAlgorithms {
    static final String REFERENCE = "ssh-audit server hardening guides (ssh-audit.com/hardening_guides.html, October 1, 2024)"
            + " and dev-sec ssh-hardening defaults";
    private static final Pattern VERSION = Pattern.compile("OpenSSH_(\\d+)\\.(\\d+)");

    /** An OpenSSH version, major.minor. */
    record Version(int major, int minor) implements Comparable<Version> {
        static Version of(int major, int minor) {
            return new Version(major, minor);
        }

        boolean atLeast(int ma, int mi) {
            return compareTo(of(ma, mi)) >= 0;
        }

        @Override
        public int compareTo(Version o) {
            return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
        }

        @Override
        public String toString() {
            return major + "." + minor;
        }
    }

    /** A host key sshd loads: its type as OpenSSH names it (ED25519, RSA, ECDSA …) and its size in bits. */
    record HostKey(String file, String type, int bits) {
    }

    private SshAlgorithms() {
    }

    /** The first "OpenSSH_X.Y" in {@code text} (output of {@code sshd -V} / {@code ssh -V}), or null. */
    static Version parseVersion(String text) {
        Matcher m = VERSION.matcher(text == null ? "" : text);
        return m.find() ? Version.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))) : null;
    }

    static List<String> kex(Version v) {
        List<String> out = new ArrayList<>();
        if (v.atLeast(9, 9)) {
            out.add("mlkem768x25519-sha256");
            out.add("sntrup761x25519-sha512");
        }
        if (v.atLeast(8, 5)) {
            out.add("sntrup761x25519-sha512@openssh.com");
        }
        if (v.atLeast(7, 4)) {
            out.add("curve25519-sha256");
        }
        out.add("curve25519-sha256@libssh.org");
        if (v.atLeast(7, 3)) {
            out.add("diffie-hellman-group18-sha512");
            out.add("diffie-hellman-group16-sha512");
        }
        return out;
    }

    static List<String> ciphers(Version v) {
        return List.of("chacha20-poly1305@openssh.com", "aes256-gcm@openssh.com", "aes256-ctr", "aes192-ctr",
                "aes128-gcm@openssh.com", "aes128-ctr");
    }

    static List<String> macs(Version v) {
        return List.of("hmac-sha2-512-etm@openssh.com", "hmac-sha2-256-etm@openssh.com", "umac-128-etm@openssh.com");
    }

    /**
     * Host-key algorithms for the keys the host has: Ed25519 and RSA (SHA-2 signatures only); ECDSA
     * keys (NIST curves, which ssh-audit fails) are not offered. Empty when the host has neither an
     * Ed25519 nor an RSA key: then the option must not be set, or no client could connect.
     */
    static List<String> hostKeyAlgorithms(Version v, List<HostKey> keys) {
        boolean ed = keys.stream().anyMatch(k -> k.type().equals("ED25519"));
        boolean rsa = keys.stream().anyMatch(k -> k.type().equals("RSA")) && v.atLeast(7, 2);
        List<String> out = new ArrayList<>();
        if (ed) {
            out.add("ssh-ed25519-cert-v01@openssh.com");
        }
        if (rsa && v.atLeast(7, 8)) {
            out.add("rsa-sha2-512-cert-v01@openssh.com");
            out.add("rsa-sha2-256-cert-v01@openssh.com");
        }
        if (ed) {
            out.add("ssh-ed25519");
        }
        if (rsa) {
            out.add("rsa-sha2-512");
            out.add("rsa-sha2-256");
        }
        return out;
    }

    /** Parses lines "FILE BITS TYPE" (the host-key probe). */
    static List<HostKey> parseHostKeys(String probe) {
        List<HostKey> keys = new ArrayList<>();
        for (String line : probe.split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length == 3 && f[1].matches("\\d{1,6}")) {
                keys.add(new HostKey(f[0], f[2].replaceAll("[()]", "").toUpperCase(java.util.Locale.ROOT), Integer.parseInt(f[1])));
            }
        }
        return keys;
    }
}
