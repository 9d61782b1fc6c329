package org.clusterdeck.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The random database password, kept in {@code db.secret} (mode 0600) beside the database. Every
 * ClusterDeck process that opens the store reads it; nobody types it.
 */
final class DatabaseSecret {
    static final String FILE = "db.secret";

    private DatabaseSecret() {
    }

    /** The stored password, if the file exists (its mode was checked with the directory's). */
    static Optional<String> read(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            String secret = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (secret.isEmpty()) {
                throw new StoreException("The database password file " + file + " is empty. Restore it from a backup "
                        + "or, if the database is new, delete the file and the database to start afresh.");
            }
            return Optional.of(secret);
        } catch (IOException e) {
            throw new StoreException("Cannot read the database password file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes a new random password: a temporary file created 0600 (never readable by others, not
     * even for a moment), then renamed into place so a crash leaves the old state or the new one.
     */
    static String create(Path dir) {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        String secret = HexFormat.of().formatHex(bytes);
        Path file = dir.resolve(FILE);
        try {
            Path tmp = Files.createTempFile(dir, FILE, ".tmp", PrivateFiles.attribute(PrivateFiles.FILE_MODE));
            Files.writeString(tmp, secret + "\n", StandardCharsets.US_ASCII);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return secret;
        } catch (IOException e) {
            throw new StoreException("Cannot write the database password file " + file + ": " + e.getMessage(), e);
        }
    }
}
