package org.clusterdeck.change;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.clusterdeck.job.JobContext;

/**
 * One lock per host, shared by every feature and every ClusterDeck process of this workstation
 * (GUI and CLI at once): an OS file lock on {@code <dir>/host-<name>.lock}, which also holds who
 * has it (change id, feature, when, by whom, pid) so a waiter can say what it waits for. The
 * kernel drops the lock when its process dies, so a crashed holder never blocks anyone; the stale
 * text is overwritten by the next holder. Inside one JVM a semaphore per host comes first (one
 * JVM cannot take the same file lock twice).
 */
public final class HostLocks {
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());
    private static final ConcurrentHashMap<Path, Semaphore> IN_PROCESS = new ConcurrentHashMap<>();
    private static final long POLL_MS = 200;

    private final Path dir;

    public HostLocks(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** Who holds a host's lock, for a waiter's message. */
    public record Holder(long changeId, String feature, String who, Instant since, long pid) {
        /** "change #12 (kernel tuning, started 14:02 by gui)". */
        public String describe() {
            return (changeId > 0 ? "change #" + changeId : "a change") + " (" + ChangeEngine.featureLabel(feature)
                    + ", started " + HH_MM.format(since) + " by " + who + ")";
        }
    }

    /** Thrown instead of waiting (the CLI without --wait): the message is the sentence to show. */
    public static final class HostBusyException extends ChangeException {
        public HostBusyException(String message) {
            super(message);
        }
    }

    /** A held lock: say which change it is for, then close to release. */
    public final class Held implements AutoCloseable {
        private final Path file;
        private final FileChannel channel;
        private final FileLock lock;
        private final Semaphore local;
        private Holder holder;
        private boolean closed;

        private Held(Path file, FileChannel channel, FileLock lock, Semaphore local, Holder holder) {
            this.file = file;
            this.channel = channel;
            this.lock = lock;
            this.local = local;
            this.holder = holder;
            write();
        }

        /** Records the change set this lock protects, so waiters name it. */
        public synchronized void changeId(long id) {
            holder = new Holder(id, holder.feature(), holder.who(), holder.since(), holder.pid());
            write();
        }

        public Holder holder() {
            return holder;
        }

        private void write() {
            Properties p = new Properties();
            p.setProperty("change", Long.toString(holder.changeId()));
            p.setProperty("feature", holder.feature());
            p.setProperty("who", holder.who());
            p.setProperty("since", Long.toString(holder.since().toEpochMilli()));
            p.setProperty("pid", Long.toString(holder.pid()));
            StringWriter w = new StringWriter();
            try {
                p.store(w, null);
                byte[] bytes = w.toString().getBytes(StandardCharsets.UTF_8);
                channel.truncate(0);
                channel.write(ByteBuffer.wrap(bytes), 0);
                channel.force(false);
            } catch (IOException e) {
                throw new ChangeException("Cannot record the lock holder in " + file + ": " + e.getMessage(), e);
            }
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                lock.release();
                channel.close();
            } catch (IOException ignored) {
                // closing the channel drops the lock in any case
            } finally {
                local.release();
            }
        }
    }

    /**
     * Takes the host's lock. When another change holds it: with {@code wait}, waits (cancellable
     * through {@code ctx}) and says what it waits for in the job's progress and log; without,
     * throws {@link HostBusyException} naming the change that holds it.
     */
    public Held acquire(String hostName, String feature, String who, boolean wait, JobContext ctx) {
        Path file = fileFor(hostName);
        Semaphore local = IN_PROCESS.computeIfAbsent(file, f -> new Semaphore(1));
        String told = null;
        boolean haveLocal = false;
        try {
            if (!Files.isDirectory(dir)) {
                // private like the rest of the data directory: holders' names and pids are nobody else's business
                Files.createDirectories(dir, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
            }
            while (true) {
                if (ctx != null) {
                    ctx.checkCancelled();
                }
                if (!haveLocal) {
                    haveLocal = local.tryAcquire(POLL_MS, TimeUnit.MILLISECONDS);
                }
                if (haveLocal) {
                    FileChannel ch = FileChannel.open(file, java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                            StandardOpenOption.WRITE), java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
                    FileLock lock;
                    try {
                        lock = ch.tryLock();
                    } catch (IOException | RuntimeException e) {
                        ch.close();
                        throw e;
                    }
                    if (lock != null) {
                        Held held = new Held(file, ch, lock, local,
                                new Holder(0, feature, who, Instant.now(), ProcessHandle.current().pid()));
                        haveLocal = false; // owned by held now
                        return held;
                    }
                    ch.close();
                }
                String what = holderOf(file).map(Holder::describe).orElse("another change");
                if (!wait) {
                    throw new HostBusyException(hostName + " is busy: " + what + " is running. Run again with --wait to wait for it, or try later.");
                }
                if (!what.equals(told)) {
                    told = what;
                    if (ctx != null) {
                        ctx.progress(0, "waiting for " + what);
                        ctx.log("waiting for " + what + " on " + hostName);
                    }
                }
                if (haveLocal) {
                    Thread.sleep(POLL_MS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new org.clusterdeck.job.JobCancelledException();
        } catch (IOException e) {
            throw new ChangeException("Cannot take the lock for " + hostName + " in " + dir + ": " + e.getMessage()
                    + ". Check that the data directory is writable.", e);
        } finally {
            if (haveLocal) {
                local.release();
            }
        }
    }

    /** Who holds the host's lock now, if anyone (a crashed holder's leftover text does not count). */
    public java.util.Optional<Holder> holder(String hostName) {
        Path file = fileFor(hostName);
        if (!Files.exists(file)) {
            return java.util.Optional.empty();
        }
        Semaphore local = IN_PROCESS.computeIfAbsent(file, f -> new Semaphore(1));
        if (local.tryAcquire()) {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                FileLock l = ch.tryLock();
                if (l != null) {
                    l.release();
                    return java.util.Optional.empty();
                }
            } catch (IOException e) {
                return java.util.Optional.empty();
            } finally {
                local.release();
            }
        }
        return holderOf(file);
    }

    private static java.util.Optional<Holder> holderOf(Path file) {
        try {
            Properties p = new Properties();
            p.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
            if (p.getProperty("feature") == null) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(new Holder(Long.parseLong(p.getProperty("change", "0")), p.getProperty("feature"),
                    p.getProperty("who", "?"), Instant.ofEpochMilli(Long.parseLong(p.getProperty("since", "0"))),
                    Long.parseLong(p.getProperty("pid", "0"))));
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty(); // being rewritten right now: the next poll reads it
        }
    }

    Path fileFor(String hostName) {
        return dir.resolve("host-" + URLEncoder.encode(hostName, StandardCharsets.UTF_8) + ".lock");
    }
}
