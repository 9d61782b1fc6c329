package org.clusterdeck.remote;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;

/**
 * The host keys ClusterDeck trusts: its own known-hosts file in the data directory (which it
 * writes) and the user's {@code ~/.ssh/known_hosts} (which it only reads). Files are re-read on
 * every check, so a key trusted by another process or removed by hand counts at once.
 */
public final class KnownHosts {
    /** What the files say about a key a host presented. */
    public enum Status { KNOWN, UNKNOWN, CHANGED }

    /**
     * The verdict; when the key changed, the file that holds the conflicting entry and the key
     * recorded there ("ssh-ed25519 SHA256:…"), which may be of another type than the one presented.
     */
    public record Verdict(Status status, Path conflictingFile, String recordedKey) {
    }

    private static final Object WRITE_LOCK = new Object();

    private final Path own;
    private final Path user;

    public KnownHosts(Path ownFile, Path userFile) {
        this.own = ownFile;
        this.user = userFile;
    }

    /** ClusterDeck's file in {@code dataDir}, plus ~/.ssh/known_hosts. */
    public static KnownHosts inDataDir(Path dataDir) {
        return new KnownHosts(dataDir.resolve("known_hosts"),
                Path.of(System.getProperty("user.home"), ".ssh", "known_hosts"));
    }

    public Path ownFile() {
        return own;
    }

    /**
     * KNOWN when an entry for address:port holds this key; CHANGED when entries for it exist but
     * none holds this key, whatever their type: a host that presents a key of a type not on record
     * is a conflict to show, never a first-use prompt (an interceptor would simply offer another
     * type); UNKNOWN only when nothing is recorded for it.
     */
    public Verdict check(String address, int port, PublicKey key) {
        KeyType type = KeyType.fromKey(key);
        String host = hostPattern(address, port);
        Path changedIn = null;
        String recorded = null;
        for (Path file : files()) {
            for (OpenSSHKnownHosts.KnownHostEntry e : entries(file)) {
                try {
                    if (e.appliesTo(type, host) && e.verify(key)) {
                        return new Verdict(Status.KNOWN, file, null);
                    }
                    if (changedIn == null && isHostKeyEntry(e) && e.appliesTo(host)) {
                        changedIn = file;
                        recorded = describe(e);
                    }
                } catch (IOException ex) {
                    throw new RemoteException("Cannot read the known-hosts file " + file + ": " + ex.getMessage(), ex);
                }
            }
        }
        return changedIn == null ? new Verdict(Status.UNKNOWN, null, null) : new Verdict(Status.CHANGED, changedIn, recorded);
    }

    /** A plain host key line, not a @cert-authority or @revoked marker line. */
    private static boolean isHostKeyEntry(OpenSSHKnownHosts.KnownHostEntry e) {
        String line = e.getLine();
        return line != null && !line.strip().startsWith("@") && e.getType() != null && e.getType() != KeyType.UNKNOWN;
    }

    /** "type SHA256:…" of an entry, as the user compares it with ssh-keygen -lf on the host. */
    private static String describe(OpenSSHKnownHosts.KnownHostEntry e) {
        String type = e.getType().toString();
        String[] parts = e.getLine().strip().split("\\s+");
        for (int i = 0; i + 1 < parts.length; i++) {
            if (parts[i].equals(type)) {
                try {
                    return type + " " + fingerprint(parsePublicKey(type + " " + parts[i + 1]));
                } catch (IllegalArgumentException ignored) {
                    break;
                }
            }
        }
        return type + " key";
    }

    /** Key algorithms already on record for the host, so the server is asked for one of those first. */
    public List<String> knownAlgorithms(String address, int port) {
        String host = hostPattern(address, port);
        List<String> algorithms = new ArrayList<>();
        for (Path file : files()) {
            for (OpenSSHKnownHosts.KnownHostEntry e : entries(file)) {
                try {
                    if (e.getType() != null && e.getType() != KeyType.UNKNOWN && e.appliesTo(host)) {
                        algorithms.add(e.getType().toString());
                    }
                } catch (IOException ex) {
                    // an unreadable entry cannot vouch for anything: skip it
                }
            }
        }
        return algorithms;
    }

    /** Records the key as trusted for address:port in ClusterDeck's own file. */
    public void trust(String address, int port, PublicKey key) {
        String line = hostPattern(address, port) + " " + KeyType.fromKey(key) + " "
                + Base64.getEncoder().encodeToString(blob(key)) + "\n";
        synchronized (WRITE_LOCK) {
            try {
                createOwnFile();
                Files.writeString(own, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new RemoteException("Cannot write the known-hosts file " + own + ": " + e.getMessage()
                        + ". Check that the data directory is writable.", e);
            }
        }
    }

    /** Removes every key recorded for address:port from ClusterDeck's own file; returns how many. */
    public int forget(String address, int port) {
        String host = hostPattern(address, port);
        synchronized (WRITE_LOCK) {
            if (!Files.exists(own)) {
                return 0;
            }
            try {
                List<String> keep = new ArrayList<>();
                int removed = 0;
                for (String line : Files.readAllLines(own, StandardCharsets.UTF_8)) {
                    if (appliesTo(line, host)) {
                        removed++;
                    } else {
                        keep.add(line);
                    }
                }
                Files.write(own, keep, StandardCharsets.UTF_8);
                return removed;
            } catch (IOException e) {
                throw new RemoteException("Cannot rewrite the known-hosts file " + own + ": " + e.getMessage(), e);
            }
        }
    }

    private static boolean appliesTo(String line, String host) throws IOException {
        if (line.isBlank() || line.startsWith("#")) {
            return false;
        }
        List<OpenSSHKnownHosts.KnownHostEntry> parsed =
                new OpenSSHKnownHosts(new java.io.StringReader(line)).entries();
        return !parsed.isEmpty() && parsed.get(0).appliesTo(host);
    }

    /** "SHA256:..." as OpenSSH prints it (base64 of the SHA-256 of the key blob, no padding). */
    public static String fingerprint(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob(key));
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    public static String keyType(PublicKey key) {
        return KeyType.fromKey(key).toString();
    }

    /** How known_hosts names a host: "addr" on port 22, else "[addr]:port". */
    public static String hostPattern(String address, int port) {
        return port == 22 ? address : "[" + address + "]:" + port;
    }

    /** Reads an OpenSSH public key line ("ssh-ed25519 AAAA... comment"), e.g. a host's .pub file. */
    public static PublicKey parsePublicKey(String line) {
        String[] parts = line.strip().split("\\s+");
        try {
            return new Buffer.PlainBuffer(Base64.getDecoder().decode(parts[1])).readPublicKey();
        } catch (Buffer.BufferException | RuntimeException e) {
            throw new IllegalArgumentException("not an OpenSSH public key line: " + e.getMessage(), e);
        }
    }

    private static byte[] blob(PublicKey key) {
        return new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
    }

    private List<Path> files() {
        List<Path> files = new ArrayList<>();
        files.add(own);
        if (user != null && !user.equals(own)) {
            files.add(user);
        }
        return files;
    }

    private static List<OpenSSHKnownHosts.KnownHostEntry> entries(Path file) {
        if (!Files.isReadable(file)) {
            return List.of();
        }
        try {
            return new OpenSSHKnownHosts(file.toFile()).entries();
        } catch (IOException e) {
            throw new RemoteException("Cannot read the known-hosts file " + file + ": " + e.getMessage()
                    + ". Fix or move the file aside.", e);
        }
    }

    private void createOwnFile() throws IOException {
        if (Files.exists(own)) {
            return;
        }
        Path parent = own.getParent();
        if (parent != null && !Files.exists(parent)) {
            // usually the data directory, which must be 0700 (the store refuses it looser)
            if (parent.getParent() != null) {
                Files.createDirectories(parent.getParent());
            }
            try {
                Files.createDirectory(parent, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (UnsupportedOperationException e) {
                Files.createDirectory(parent);
            }
        }
        try {
            Files.createFile(own, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(own);
        }
    }
}
