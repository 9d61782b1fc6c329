package org.clusterdeck.scan;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/** The insides of {@link PortScanner}: one target's state, one attempt, and the selector loop that drives them. */
final class PortScanEngine {
    private PortScanEngine() {
    }

    /** One target's state during the scan and its findings. */
    static final class Target {
        final String name;
        final InetAddress address;
        final StandardProtocolFamily family;
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
            this.family = address instanceof Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
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

    /** One connect to one port, then perhaps the wait for its banner. */
    private static final class Attempt {
        final Target target;
        final int port;
        final SocketChannel channel;
        Phase phase = Phase.CONNECTING;
        long deadline;
        ByteBuffer banner;

        Attempt(Target target, int port, SocketChannel channel) {
            this.target = target;
            this.port = port;
            this.channel = channel;
        }
    }

    private enum Outcome { OPEN, CLOSED, NO_ANSWER, UNREACHABLE }

    /** The selector loop: launches connects within the limits, completes them, expires the slow ones. */
    static final class Engine {
        private final List<Target> targets;
        private final PortScanner.Options o;
        private final ArrayDeque<Attempt> connecting = new ArrayDeque<>();
        private final ArrayDeque<Attempt> reading = new ArrayDeque<>();
        private Selector selector;
        private int inFlight;
        private int limit;
        private int roundRobin;

        Engine(List<Target> targets, PortScanner.Options o, int limit) {
            this.targets = targets;
            this.o = o;
            this.limit = limit;
        }

        void run() throws IOException {
            long start = System.nanoTime();
            for (Target t : targets) {
                t.started = start;
                t.nextSlot = start;
            }
            try (Selector s = Selector.open()) {
                selector = s;
                while (true) {
                    long wakeAt = launch(System.nanoTime());
                    if (inFlight == 0 && targets.stream().noneMatch(Target::hasWork)) {
                        break;
                    }
                    long waitNanos = Math.min(wakeAt, nextDeadline()) - System.nanoTime();
                    if (waitNanos < 1_000_000) {
                        selector.selectNow();
                    } else {
                        selector.select(TimeUnit.NANOSECONDS.toMillis(waitNanos));
                    }
                    handleSelected();
                    expire(System.nanoTime());
                    if (Thread.interrupted()) {
                        throw new InterruptedIOException("port scan cancelled");
                    }
                }
            } finally {
                for (Attempt a : connecting) {
                    closeQuietly(a.channel);
                }
                for (Attempt a : reading) {
                    closeQuietly(a.channel);
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
            SocketChannel ch;
            try {
                // a socket of the target's own family: an IPv6 socket reaching IPv4 through mapped addresses costs more
                ch = SocketChannel.open(t.family);
            } catch (IOException e) {
                if (!String.valueOf(e.getMessage()).contains("Too many open files")) {
                    throw e;
                }
                // something else in the process took descriptors since the budget was read: hold fewer
                limit = Math.max(1, inFlight - 16);
                t.retry.addFirst(port);
                return false;
            }
            t.tries[port]++;
            Attempt a = new Attempt(t, port, ch);
            inFlight++;
            t.inFlight++;
            try {
                ch.configureBlocking(false);
                boolean connected = ch.connect(new InetSocketAddress(t.address, port));
                // one poll(2) now settles what the kernel already answered (a refusal from loopback or the LAN
                // usually arrives during connect itself), sparing the selector a registration for most ports
                if (connected || ch.finishConnect()) {
                    opened(a, now);
                } else {
                    a.deadline = now + TimeUnit.MILLISECONDS.toNanos(o.timeoutMs());
                    ch.register(selector, SelectionKey.OP_CONNECT, a);
                    connecting.add(a);
                }
            } catch (IOException e) {
                finish(a, outcomeOf(e), null);
            }
            return true;
        }

        private static Outcome outcomeOf(IOException e) {
            if (e instanceof ConnectException) {
                return Outcome.CLOSED; // refused: a RST came back (a timeout is ours, not the kernel's)
            }
            if (e instanceof BindException) {
                return Outcome.NO_ANSWER; // no local port free right now: try again later
            }
            return Outcome.UNREACHABLE; // no route, host or network unreachable: an ICMP error, as nmap's "filtered"
        }

        private void handleSelected() {
            Iterator<SelectionKey> it = selector.selectedKeys().iterator();
            long now = System.nanoTime();
            while (it.hasNext()) {
                SelectionKey k = it.next();
                it.remove();
                Attempt a = (Attempt) k.attachment();
                if (!k.isValid() || a.phase == Phase.DONE) {
                    continue;
                }
                try {
                    if (a.phase == Phase.CONNECTING && k.isConnectable()) {
                        if (a.channel.finishConnect()) {
                            opened(a, now);
                        }
                    } else if (a.phase == Phase.READING && k.isReadable()) {
                        readBanner(a);
                    }
                } catch (IOException e) {
                    if (a.phase == Phase.READING) {
                        finish(a, Outcome.OPEN, a.banner); // reset after connecting: open, with what it sent
                    } else {
                        finish(a, outcomeOf(e), null);
                    }
                }
            }
        }

        private void opened(Attempt a, long now) throws IOException {
            if (PortScanner.selfConnected(a.channel)) {
                finish(a, Outcome.CLOSED, null);
                return;
            }
            if (o.bannerBytes() == 0) {
                finish(a, Outcome.OPEN, null);
                return;
            }
            a.phase = Phase.READING;
            a.banner = ByteBuffer.allocate(o.bannerBytes());
            a.deadline = now + TimeUnit.MILLISECONDS.toNanos(o.bannerTimeoutMs());
            SelectionKey k = a.channel.keyFor(selector);
            if (k == null) {
                a.channel.register(selector, SelectionKey.OP_READ, a);
            } else {
                k.interestOps(SelectionKey.OP_READ);
            }
            reading.add(a);
        }

        private void readBanner(Attempt a) throws IOException {
            int n = a.channel.read(a.banner);
            if (n < 0 || !a.banner.hasRemaining() || endsLine(a.banner)) {
                finish(a, Outcome.OPEN, a.banner);
            }
        }

        private static boolean endsLine(ByteBuffer b) {
            for (int i = 0; i < b.position(); i++) {
                if (b.get(i) == '\n') {
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
                    finish(a, phase == Phase.READING ? Outcome.OPEN : Outcome.NO_ANSWER, a.banner);
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

        private void finish(Attempt a, Outcome outcome, ByteBuffer banner) {
            a.phase = Phase.DONE;
            Target t = a.target;
            if (outcome == Outcome.OPEN) {
                try {
                    // a reset instead of a FIN: no TIME_WAIT left behind per open port, as nmap does
                    a.channel.setOption(StandardSocketOptions.SO_LINGER, 0);
                } catch (IOException | RuntimeException ignored) {
                    // closed already by the peer: nothing to linger
                }
            }
            closeQuietly(a.channel);
            inFlight--;
            t.inFlight--;
            switch (outcome) {
                case OPEN -> t.open.put(a.port, bannerText(banner));
                case CLOSED -> t.closed++;
                case UNREACHABLE -> t.filtered.add(a.port);
                case NO_ANSWER -> {
                    if (t.tries[a.port] <= o.retries()) {
                        t.retry.add(a.port);
                    } else {
                        t.filtered.add(a.port);
                    }
                }
            }
            if (t.inFlight == 0 && !t.hasWork()) {
                t.finished = System.nanoTime();
            }
        }

        private static String bannerText(ByteBuffer b) {
            if (b == null || b.position() == 0) {
                return "";
            }
            String s = new String(b.array(), 0, b.position(), StandardCharsets.UTF_8);
            return s.endsWith("\r\n") ? s.substring(0, s.length() - 2) : s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
        }

        private static void closeQuietly(SocketChannel ch) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // closing a socket we are done with; nothing to report
            }
        }
    }
}
