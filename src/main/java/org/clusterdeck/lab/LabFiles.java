package org.clusterdeck.lab;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Root writes lab state only into root-owned directories that nobody else can change, and never
 * through a symlink: a user who could plant one (in a directory of their own) could otherwise
 * make root write wherever the link points.
 */
final class LabFiles {
    /** Characters a path may contain before it goes into a mount option or a config file. */
    private static final Pattern PLAIN_PATH = Pattern.compile("/[A-Za-z0-9._/-]*");

    private LabFiles() {
    }

    /**
     * Makes {@code dir} (and missing parents) a root-owned 0700 directory. Every existing component
     * must be a real directory (not a symlink) owned by root and writable by no one else (a
     * root-owned sticky directory such as /tmp is accepted above the lab's own directories).
     */
    static void privateDir(Path dir) throws IOException {
        Path abs = dir.toAbsolutePath().normalize();
        Path current = abs.getRoot();
        for (Path part : abs) {
            current = current.resolve(part);
            if (!Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    Files.createDirectory(current, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } catch (FileAlreadyExistsException raced) {
                    // made by a parallel lab: checked below like any existing directory
                }
            }
            checkComponent(current, current.equals(abs));
        }
        Files.setPosixFilePermissions(abs, PosixFilePermissions.fromString("rwx------"));
    }

    private static void checkComponent(Path p, boolean last) throws IOException {
        if (Files.isSymbolicLink(p)) {
            throw new LabException("Refusing to keep lab state under " + p + ": it is a symbolic link (to "
                    + Files.readSymbolicLink(p) + "), so writes could land elsewhere. Remove it (as root) and try again.");
        }
        PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!a.isDirectory()) {
            throw new LabException("Refusing to keep lab state under " + p + ": it is not a directory.");
        }
        if (!a.owner().getName().equals("root")) {
            throw new LabException("Refusing to keep lab state under " + p + ": it belongs to " + a.owner().getName()
                    + ", not root, so its owner could redirect root's writes. Lab state lives under "
                    + LabLayout.STATE_ROOT + ".");
        }
        Set<PosixFilePermission> perms = a.permissions();
        boolean othersWrite = perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE);
        boolean sticky = othersWrite && isSticky(p);
        if (othersWrite && (last || !sticky)) {
            throw new LabException("Refusing to keep lab state under " + p + ": others may write to it ("
                    + PosixFilePermissions.toString(perms) + "). Make it root-only: chmod go-w " + p);
        }
    }

    private static boolean isSticky(Path p) throws IOException {
        Object mode = Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        return mode instanceof Integer m && (m & 01000) != 0;
    }

    /** Writes a new file (replacing a plain file, never following a link) with the given permissions. */
    static void write(Path file, String text, String perms) throws IOException {
        Files.deleteIfExists(file); // removes a link itself, not its target
        try (SeekableByteChannel ch = Files.newByteChannel(file,
                Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW, LinkOption.NOFOLLOW_LINKS),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(perms)))) {
            ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(perms)); // umask-proof
    }

    /** Reads a small state file, refusing a symlink. */
    static String read(Path file) throws IOException {
        if (Files.isSymbolicLink(file)) {
            throw new IOException(file + " is a symbolic link");
        }
        return Files.readString(file);
    }

    /**
     * A path that goes into a mount option or a config line: only plain characters, so no quoting
     * is needed and nothing (a comma, a colon, a space, a newline) can change its meaning.
     */
    static String plainPath(Path p) {
        String s = p.toAbsolutePath().normalize().toString();
        if (!PLAIN_PATH.matcher(s).matches()) {
            throw new LabException("Refusing the path '" + s + "' for lab state: only letters, digits and . _ - / may"
                    + " appear in it (it goes into mount options). Use a plain path.");
        }
        return s;
    }

    /** Deletes a tree without following links out of it. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
