package org.clusterdeck.scan;

import java.util.Map;

/**
 * How SSH algorithms are graded. The reasons are those of ssh-audit v2.5.0's algorithm database
 * (the Debian 12 package, {@code ssh_audit/ssh2_kexdb.py}); the grades follow it except where
 * ClusterDeck is stricter: SHA-1 anywhere (diffie-hellman-group14-sha1, hmac-sha1*) and 64-bit
 * MAC tags (umac-64*) fail here where 2.5.0 only warns, and the NIST P curves warn here where
 * 2.5.0 fails them (weak by suspicion, not by a known attack). Names it does not know are
 * reported as "unknown" and not graded.
 */
public final class SshPolicy {
    /** The ssh-audit release whose algorithm database the reasons come from. */
    public static final String SSH_AUDIT_VERSION = "2.5.0";

    public enum Kind {
        KEX("key exchange", "KexAlgorithms"),
        HOST_KEY("host key", "HostKeyAlgorithms"),
        CIPHER("cipher", "Ciphers"),
        MAC("MAC", "MACs");

        final String title;
        /** The sshd_config keyword that lists this kind. */
        final String keyword;

        Kind(String title, String keyword) {
            this.title = title;
            this.keyword = keyword;
        }
    }

    /** INFO: a name in the list that announces an extension (RFC 8308, strict key exchange), not an algorithm. */
    public enum Level { GOOD, WARN, FAIL, INFO, UNKNOWN }

    /** A grade and the reason for it ("" for good algorithms). */
    public record Grade(Level level, String why) {
    }

    private SshPolicy() {
    }

    private static final String SHA1 = "uses the SHA-1 hash, which has practical collision attacks";
    private static final String NIST = "uses a NIST P curve, whose constants are unexplained (suspected of a back door)";
    private static final String CBC = "uses CBC mode, open to plaintext-recovery attacks on SSH";
    private static final String EAM = "encrypt-and-MAC: the MAC is computed over the plaintext; prefer the -etm variant";

    private static final Map<String, Grade> KEX = Map.ofEntries(
            fail("diffie-hellman-group1-sha1", "1024-bit modulus (Logjam) and " + SHA1),
            fail("diffie-hellman-group14-sha1", SHA1),
            fail("diffie-hellman-group-exchange-sha1", SHA1),
            fail("gss-group1-sha1-", SHA1),
            warn("diffie-hellman-group14-sha256", "2048-bit modulus, the smallest still accepted"),
            good("diffie-hellman-group16-sha512"),
            good("diffie-hellman-group18-sha512"),
            good("diffie-hellman-group-exchange-sha256"),
            warn("ecdh-sha2-nistp256", NIST),
            warn("ecdh-sha2-nistp384", NIST),
            warn("ecdh-sha2-nistp521", NIST),
            good("curve25519-sha256"),
            good("curve25519-sha256@libssh.org"),
            good("curve448-sha512"),
            good("sntrup761x25519-sha512@openssh.com"),
            good("sntrup761x25519-sha512"),
            good("mlkem768x25519-sha256"));

    private static final Map<String, Grade> HOST_KEY = Map.ofEntries(
            fail("ssh-rsa", "RSA signatures with " + SHA1),
            fail("ssh-rsa-cert-v01@openssh.com", "RSA signatures with " + SHA1),
            fail("ssh-dss", "DSA with a 1024-bit key, removed from OpenSSH 7.0"),
            fail("ssh-dss-cert-v01@openssh.com", "DSA with a 1024-bit key, removed from OpenSSH 7.0"),
            good("rsa-sha2-256"),
            good("rsa-sha2-512"),
            good("rsa-sha2-256-cert-v01@openssh.com"),
            good("rsa-sha2-512-cert-v01@openssh.com"),
            good("ssh-ed25519"),
            good("ssh-ed25519-cert-v01@openssh.com"),
            good("sk-ssh-ed25519@openssh.com"),
            good("sk-ssh-ed25519-cert-v01@openssh.com"),
            warn("ecdsa-sha2-nistp256", NIST + "; a weak random number generator can reveal the key"),
            warn("ecdsa-sha2-nistp384", NIST + "; a weak random number generator can reveal the key"),
            warn("ecdsa-sha2-nistp521", NIST + "; a weak random number generator can reveal the key"),
            warn("ecdsa-sha2-nistp256-cert-v01@openssh.com", NIST),
            warn("ecdsa-sha2-nistp384-cert-v01@openssh.com", NIST),
            warn("ecdsa-sha2-nistp521-cert-v01@openssh.com", NIST),
            warn("sk-ecdsa-sha2-nistp256@openssh.com", NIST),
            warn("sk-ecdsa-sha2-nistp256-cert-v01@openssh.com", NIST));

    private static final Map<String, Grade> CIPHER = Map.ofEntries(
            good("chacha20-poly1305@openssh.com"),
            good("aes128-gcm@openssh.com"),
            good("aes256-gcm@openssh.com"),
            good("aes128-ctr"),
            good("aes192-ctr"),
            good("aes256-ctr"),
            fail("aes128-cbc", CBC),
            fail("aes192-cbc", CBC),
            fail("aes256-cbc", CBC),
            fail("rijndael-cbc@lysator.liu.se", CBC),
            fail("3des-cbc", "3DES: a weak cipher with a 64-bit block (Sweet32) in " + "CBC mode"),
            fail("blowfish-cbc", "Blowfish: a 64-bit block (Sweet32) in CBC mode"),
            fail("cast128-cbc", "CAST-128: a 64-bit block (Sweet32) in CBC mode"),
            fail("arcfour", "RC4: a broken stream cipher"),
            fail("arcfour128", "RC4: a broken stream cipher"),
            fail("arcfour256", "RC4: a broken stream cipher"),
            fail("none", "no encryption at all"));

    private static final Map<String, Grade> MAC = Map.ofEntries(
            good("hmac-sha2-256-etm@openssh.com"),
            good("hmac-sha2-512-etm@openssh.com"),
            good("umac-128-etm@openssh.com"),
            warn("hmac-sha2-256", EAM),
            warn("hmac-sha2-512", EAM),
            warn("umac-128@openssh.com", EAM),
            fail("hmac-sha1", SHA1 + "; " + EAM),
            fail("hmac-sha1-96", SHA1 + ", truncated to 96 bits; " + EAM),
            fail("hmac-sha1-etm@openssh.com", SHA1),
            fail("hmac-sha1-96-etm@openssh.com", SHA1 + ", truncated to 96 bits"),
            fail("hmac-md5", "MD5: a broken hash; " + EAM),
            fail("hmac-md5-96", "MD5: a broken hash, truncated; " + EAM),
            fail("hmac-md5-etm@openssh.com", "MD5: a broken hash"),
            fail("hmac-md5-96-etm@openssh.com", "MD5: a broken hash, truncated"),
            fail("hmac-ripemd160", "RIPEMD-160 with a 160-bit tag, no longer maintained; " + EAM),
            fail("hmac-ripemd160@openssh.com", "RIPEMD-160, no longer maintained; " + EAM),
            fail("hmac-ripemd160-etm@openssh.com", "RIPEMD-160, no longer maintained"),
            fail("umac-64@openssh.com", "a 64-bit tag, too short; " + EAM),
            fail("umac-64-etm@openssh.com", "a 64-bit tag, too short"),
            fail("none", "no integrity protection at all"));

    /** The grade of {@code name} among algorithms of {@code kind}. */
    public static Grade grade(Kind kind, String name) {
        Map<String, Grade> table = switch (kind) {
            case KEX -> KEX;
            case HOST_KEY -> HOST_KEY;
            case CIPHER -> CIPHER;
            case MAC -> MAC;
        };
        if (kind == Kind.KEX && isPseudoKex(name)) {
            return new Grade(Level.INFO, "announces a protocol extension, not an algorithm");
        }
        Grade g = table.get(name);
        if (g == null && kind == Kind.KEX && name.startsWith("gss-") && name.contains("sha1")) {
            g = table.get("gss-group1-sha1-");
        }
        return g != null ? g : new Grade(Level.UNKNOWN, "not in the grading table; look it up before trusting it");
    }

    /** Key-exchange "names" that announce extensions, not algorithms (RFC 8308, strict KEX). */
    static boolean isPseudoKex(String name) {
        return name.startsWith("ext-info-") || name.startsWith("kex-strict-") || name.startsWith("kex-guess");
    }

    private static Map.Entry<String, Grade> good(String name) {
        return Map.entry(name, new Grade(Level.GOOD, ""));
    }

    private static Map.Entry<String, Grade> warn(String name, String why) {
        return Map.entry(name, new Grade(Level.WARN, why));
    }

    private static Map.Entry<String, Grade> fail(String name, String why) {
        return Map.entry(name, new Grade(Level.FAIL, why));
    }
}
