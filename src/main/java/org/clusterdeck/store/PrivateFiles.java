package org.clusterdeck.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Keeps the data directory private to its owner: the directory {@code 0700}, its database files
 * {@code 0600}. The database server's lock file names its port and key, so anything readable by
 * others would hand them the way in; looser modes are refused, never silently "fixed", because
 * the user should learn that the data was exposed.
 */
public final class PrivateFiles {
    static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {
    }

    /**
     * Writes {@code text} (UTF-8) to a new file only its owner can read: reports and exports hold
     * host details and configuration contents. A file already there is replaced.
     */
    public static void write(Path file, String text) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, attribute(FILE_MODE));
        Files.writeString(file, text, java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Creates {@code dir} with mode 0700 (parents as usual), or checks that an existing one and
     * its {@code files} are not looser than 0700 / 0600. All problems are named in one sentence,
     * with one command that fixes them all (an upgrade from a version without these rules meets
     * the directory and the database at once).
     */
    static void prepareDirectory(Path dir, List<String> files) {
        if (!supportsPosix(dir)) {
            createPlain(dir);
            return;
        }
        if (!Files.exists(dir)) {
            try {
                if (dir.getParent() != null) {
                    Files.createDirectories(dir.getParent());
                }
                Files.createDirectory(dir, attribute(DIR_MODE));
                // the umask may have removed bits we asked for, never added any; set exactly
                Files.setPosixFilePermissions(dir, DIR_MODE);
            } catch (FileAlreadyExistsException raced) {
                // another ClusterDeck created it a moment ago; checked below like any existing one
            } catch (IOException | UnsupportedOperationException e) {
                throw cannotCreate(dir, e);
            }
        }
        if (!Files.isDirectory(dir)) {
            throw cannotCreate(dir, new IOException("it exists and is not a directory"));
        }
        List<String> found = new ArrayList<>();
        List<String> fixes = new ArrayList<>();
        looser(dir, DIR_MODE, "700", found, fixes);
        for (String name : files) {
            Path file = dir.resolve(name);
            if (Files.exists(file)) {
                looser(file, FILE_MODE, "600", found, fixes);
            }
        }
        if (!found.isEmpty()) {
            throw new StoreException(String.join("; ", found) + ": other users of this machine could read "
                    + "ClusterDeck's database and its password. The data directory must be mode 700 and its files "
                    + "600 or stricter. Run: " + String.join(" && ", fixes));
        }
    }

    /** Sets a file H2 created (with the process umask) to 0600. */
    static void restrict(Path file) {
        if (Files.exists(file) && supportsPosix(file)) {
            try {
                Files.setPosixFilePermissions(file, FILE_MODE);
            } catch (IOException e) {
                throw new StoreException("Cannot make " + file + " private (mode 600): " + e.getMessage()
                        + ". Run: chmod 600 '" + file + "'", e);
            }
        }
    }

    static FileAttribute<Set<PosixFilePermission>> attribute(Set<PosixFilePermission> mode) {
        return PosixFilePermissions.asFileAttribute(mode);
    }

    private static void looser(Path path, Set<PosixFilePermission> allowed, String octal, List<String> found,
            List<String> fixes) {
        Set<PosixFilePermission> mode;
        try {
            mode = Files.getPosixFilePermissions(path);
        } catch (IOException e) {
            throw new StoreException("Cannot read the permissions of " + path + ": " + e.getMessage(), e);
        }
        if (!allowed.containsAll(mode)) {
            found.add(path + " has mode " + octal(mode));
            fixes.add("chmod " + octal + " '" + path + "'");
        }
    }

    static String octal(Set<PosixFilePermission> mode) {
        int bits = 0;
        for (PosixFilePermission p : mode) {
            bits |= 1 << (8 - p.ordinal());
        }
        return String.format("%03o", bits);
    }

    private static boolean supportsPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static void createPlain(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw cannotCreate(dir, e);
        }
    }

    private static StoreException cannotCreate(Path dir, Exception e) {
        return new StoreException("Cannot create the data directory " + dir + ": " + e.getMessage()
                + ". Choose another one with --data-dir or CLUSTERDECK_DATA.", e);
    }
}
