package org.clusterdeck.scan;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * The insides of {@link PortScanner}: one target's state, one attempt, and the epoll loop that
 * drives them. A port the kernel settles during connect(2) (every closed port of loopback and
 * the LAN) costs four system calls and no object; only ports still connecting, or open and
 * sending a banner, get an {@link Attempt} and an epoll registration.
 */
final class PortScanEngine {
    private PortScanEngine() {
    }

    /** One target's state during the scan and its findings. */
    static final class Target {
        final String name;
        final InetAddress address;
        final NativeSockets.SocketAddress socketAddress;
        final int[] order;
        final long intervalNanos;
        final byte[] tries = new byte[65536];
        final ArrayDeque<Integer> retry = new ArrayDeque<>();
        final TreeMap<Integer, String> open = new TreeMap<>();
        final TreeSet<Integer> filtered = new TreeSet<>();
        int next;
        int closed;
        int inFlight;
        long nextSlot;
        long started;
        long finished;

        Target(String name, InetAddress address, int[] order, double rate) {
            this.name = name;
            this.address = address;
            this.socketAddress = new NativeSockets.SocketAddress(address);
            this.order = order;
            this.intervalNanos = rate == 0 ? 0 : (long) (1e9 / rate);
        }

        boolean hasWork() {
            return next < order.length || !retry.isEmpty();
        }

        int take() {
            Integer r = retry.poll();
            return r != null ? r : order[next++];
        }

        /** One target's result from the slices of its ports that the engines scanned. */
        static PortScanResult merge(List<Target> slices) {
            TreeMap<Integer, String> open = new TreeMap<>();
            TreeSet<Integer> filtered = new TreeSet<>();
            int closed = 0;
            long started = Long.MAX_VALUE;
            long finished = Long.MIN_VALUE;
            for (Target t : slices) {
                open.putAll(t.open);
                filtered.addAll(t.filtered);
                closed += t.closed;
                started = Math.min(started, t.started);
                finished = Math.max(finished, t.finished);
            }
            List<PortScanResult.OpenPort> ports = new ArrayList<>();
            open.forEach((p, b) -> ports.add(new PortScanResult.OpenPort(p, b)));
            Target first = slices.get(0);
            return new PortScanResult(first.name, first.address.getHostAddress(), List.copyOf(ports), closed,
                    List.copyOf(filtered), TimeUnit.NANOSECONDS.toMillis(Math.max(0, finished - started)));
        }
    }

    private enum Phase { CONNECTING, READING, DONE }

    /** A port whose answer did not come during connect(2): still connecting, or open and sending its banner. */
    private static final class Attempt {
        final Target target;
        final int port;
        final int fd;
        Phase phase = Phase.CONNECTING;
        boolean registered;
        long deadline;
        byte[] banner;
        int bannerLength;

        Attempt(Target target, int port, int fd) {
            this.target = target;
            this.port = port;
            this.fd = fd;
        }
    }

    private enum Outcome { OPEN, CLOSED, NO_ANSWER, UNREACHABLE }

    /** The epoll loop: launches connects within the limits, completes them, expires the slow ones. */
    static final class Engine {
        /** epoll_wait never sleeps longer, so an interrupt (cancel) is seen within this time. */
        private static final int MAX_WAIT_MS = 100;
        private static final int EVENTS = 1024;
        private final List<Target> targets;
        private final PortScanner.Options o;
        private final ArrayDeque<Attempt> connecting = new ArrayDeque<>();
        private final ArrayDeque<Attempt> reading = new ArrayDeque<>();
        private final int[] scratch = new int[1];
        private final int[] scratchLength = new int[1];
        private Attempt[] byFd = new Attempt[1024];
        private byte[] readBuffer;
        private NativeSockets.Epoll epoll;
        private int inFlight;
        private int limit;
        private int roundRobin;

        Engine(List<Target> targets, PortScanner.Options o, int limit) {
            this.targets = targets;
            this.o = o;
            this.limit = limit;
        }

        void run() throws IOException {
            NativeSockets.require();
            long start = System.nanoTime();
            for (Target t : targets) {
                t.started = start;
                t.nextSlot = start;
            }
            readBuffer = new byte[Math.max(1, o.bannerBytes())];
            try (NativeSockets.Epoll ep = new NativeSockets.Epoll(EVENTS)) {
                epoll = ep;
                while (true) {
                    long wakeAt = launch(System.nanoTime());
                    if (inFlight == 0 && targets.stream().noneMatch(Target::hasWork)) {
                        break;
                    }
                    long waitNanos = Math.min(wakeAt, nextDeadline()) - System.nanoTime();
                    int timeoutMs = waitNanos <= 0 ? 0 : (int) Math.min(MAX_WAIT_MS, (waitNanos + 999_999) / 1_000_000);
                    handle(epoll.await(timeoutMs), System.nanoTime());
                    expire(System.nanoTime());
                    if (Thread.interrupted()) {
                        throw new InterruptedIOException("port scan cancelled");
                    }
                }
            } finally {
                for (Attempt a : byFd) {
                    if (a != null && a.phase != Phase.DONE) {
                        NativeSockets.close(a.fd);
                    }
                }
            }
        }

        /** Starts connects while the limits allow; returns when the rate allows the next one (MAX_VALUE: not waiting on a rate). */
        private long launch(long now) throws IOException {
            long wakeAt = Long.MAX_VALUE;
            int idle = 0;
            while (inFlight < limit && idle < targets.size()) {
                Target t = targets.get(roundRobin);
                roundRobin = (roundRobin + 1) % targets.size();
                if (!t.hasWork()) {
                    idle++;
                    continue;
                }
                if (t.intervalNanos > 0 && t.nextSlot > now) {
                    wakeAt = Math.min(wakeAt, t.nextSlot);
                    idle++;
                    continue;
                }
                idle = 0;
                if (t.intervalNanos > 0) {
                    t.nextSlot = Math.max(t.nextSlot, now) + t.intervalNanos;
                }
                if (!connect(t, t.take(), now)) {
                    break;
                }
            }
            return wakeAt;
        }

        /** Opens and connects one socket; false when the process ran out of descriptors (the port is queued again). */
        private boolean connect(Target t, int port, long now) throws IOException {
            int fd = NativeSockets.tcpSocket(t.socketAddress.family);
            if (fd < 0) {
                if (-fd != NativeSockets.EMFILE && -fd != NativeSockets.ENFILE) {
                    throw new IOException("socket(2) failed, errno " + -fd);
                }
                // something else in the process took descriptors since the budget was read: hold fewer
                limit = Math.max(1, inFlight - 16);
                t.retry.addFirst(port);
                return false;
            }
            t.tries[port]++;
            inFlight++;
            t.inFlight++;
            int err = NativeSockets.connect(fd, t.socketAddress.port(port));
            if (err == NativeSockets.EINPROGRESS) {
                // the kernel usually settled it during connect (a refusal from loopback or the LAN arrives
                // then): its pending error says so without a wait or an epoll registration
                err = NativeSockets.pendingError(fd, scratch, scratchLength);
                if (err == 0) {
                    Attempt a = new Attempt(t, port, fd);
                    a.deadline = now + o.timeoutMs() * 1_000_000L;
                    watch(a, NativeSockets.EPOLLOUT);
                    connecting.add(a);
                    return true;
                }
            }
            if (err == 0) {
                opened(null, t, fd, port, now);
            } else {
                finish(t, fd, port, outcomeOf(err), null, 0);
            }
            return true;
        }

        private static Outcome outcomeOf(int errno) {
            return switch (errno) {
                case NativeSockets.ECONNREFUSED -> Outcome.CLOSED; // a RST came back
                // no local port free right now, or the kernel gave up on the SYN: try again later
                case NativeSockets.EADDRNOTAVAIL, NativeSockets.EAGAIN, NativeSockets.ETIMEDOUT -> Outcome.NO_ANSWER;
                default -> Outcome.UNREACHABLE; // no route, host or network unreachable: an ICMP error, as nmap's "filtered"
            };
        }

        /** Registers (or re-registers) the attempt's socket for {@code events}. */
        private void watch(Attempt a, int events) throws IOException {
            if (a.fd >= byFd.length) {
                byFd = Arrays.copyOf(byFd, Math.max(a.fd + 1, byFd.length * 2));
            }
            byFd[a.fd] = a;
            int err = epoll.watch(a.fd, events, a.registered);
            if (err != 0) {
                byFd[a.fd] = null;
                NativeSockets.close(a.fd);
                a.phase = Phase.DONE;
                inFlight--;
                a.target.inFlight--;
                throw new IOException("epoll_ctl failed, errno " + err);
            }
            a.registered = true;
        }

        private void handle(int n, long now) throws IOException {
            for (int i = 0; i < n; i++) {
                int fd = epoll.socket(i);
                Attempt a = fd < byFd.length ? byFd[fd] : null;
                if (a == null || a.phase == Phase.DONE) {
                    continue;
                }
                if (a.phase == Phase.CONNECTING) {
                    int err = NativeSockets.pendingError(fd, scratch, scratchLength);
                    if (err == 0) {
                        opened(a, a.target, fd, a.port, now);
                    } else {
                        finish(a, outcomeOf(err));
                    }
                } else {
                    readBanner(a);
                }
            }
        }

        private void opened(Attempt known, Target t, int fd, int port, long now) throws IOException {
            if (NativeSockets.selfConnected(fd, t.socketAddress, port)) {
                if (known != null) {
                    finish(known, Outcome.CLOSED);
                } else {
                    finish(t, fd, port, Outcome.CLOSED, null, 0);
                }
                return;
            }
            if (o.bannerBytes() == 0) {
                if (known != null) {
                    finish(known, Outcome.OPEN);
                } else {
                    finish(t, fd, port, Outcome.OPEN, null, 0);
                }
                return;
            }
            Attempt a = known != null ? known : new Attempt(t, port, fd);
            a.phase = Phase.READING;
            a.banner = new byte[o.bannerBytes()];
            a.deadline = now + o.bannerTimeoutMs() * 1_000_000L;
            watch(a, NativeSockets.EPOLLIN);
            reading.add(a);
        }

        private void readBanner(Attempt a) {
            int n = NativeSockets.readInto(a.fd, readBuffer, a.banner.length - a.bannerLength);
            if (n == -NativeSockets.EAGAIN) {
                return;
            }
            if (n > 0) {
                System.arraycopy(readBuffer, 0, a.banner, a.bannerLength, n);
                a.bannerLength += n;
            }
            // end of stream or a reset after connecting: open, with what it sent
            if (n <= 0 || a.bannerLength == a.banner.length || endsLine(a.banner, a.bannerLength)) {
                finish(a, Outcome.OPEN);
            }
        }

        private static boolean endsLine(byte[] b, int length) {
            for (int i = 0; i < length; i++) {
                if (b[i] == '\n') {
                    return true;
                }
            }
            return false;
        }

        private void expire(long now) {
            expire(connecting, Phase.CONNECTING, now);
            expire(reading, Phase.READING, now);
        }

        /** Attempts are queued in deadline order (one timeout per phase), so only the head needs a look. */
        private void expire(ArrayDeque<Attempt> queue, Phase phase, long now) {
            while (!queue.isEmpty()) {
                Attempt a = queue.peek();
                if (a.phase != phase) {
                    queue.poll();
                } else if (a.deadline <= now) {
                    queue.poll();
                    finish(a, phase == Phase.READING ? Outcome.OPEN : Outcome.NO_ANSWER);
                } else {
                    return;
                }
            }
        }

        private long nextDeadline() {
            long d = Long.MAX_VALUE;
            for (ArrayDeque<Attempt> q : List.of(connecting, reading)) {
                for (Attempt a : q) {
                    if (a.phase != Phase.DONE) {
                        d = Math.min(d, a.deadline);
                        break;
                    }
                }
            }
            return d;
        }

        private void finish(Attempt a, Outcome outcome) {
            a.phase = Phase.DONE;
            if (a.fd < byFd.length && byFd[a.fd] == a) {
                byFd[a.fd] = null;
            }
            finish(a.target, a.fd, a.port, outcome, a.banner, a.bannerLength);
        }

        private void finish(Target t, int fd, int port, Outcome outcome, byte[] banner, int bannerLength) {
            if (outcome == Outcome.OPEN) {
                NativeSockets.resetOnClose(fd);
            }
            NativeSockets.close(fd); // also leaves the epoll set
            inFlight--;
            t.inFlight--;
            switch (outcome) {
                case OPEN -> t.open.put(port, bannerText(banner, bannerLength));
                case CLOSED -> t.closed++;
                case UNREACHABLE -> t.filtered.add(port);
                case NO_ANSWER -> {
                    if (t.tries[port] <= o.retries()) {
                        t.retry.add(port);
                    } else {
                        t.filtered.add(port);
                    }
                }
            }
            if (t.inFlight == 0 && !t.hasWork()) {
                t.finished = System.nanoTime();
            }
        }

        private static String bannerText(byte[] b, int length) {
            if (b == null || length == 0) {
                return "";
            }
            String s = new String(b, 0, length, StandardCharsets.UTF_8);
            return s.endsWith("\r\n") ? s.substring(0, s.length() - 2) : s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
        }
    }
}
