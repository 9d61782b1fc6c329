package org.clusterdeck.bench;

import org.clusterdeck.model.BenchmarkResult;
import org.clusterdeck.model.BenchmarkSpec;
import org.clusterdeck.model.LatencySummary;
import org.clusterdeck.model.SecondSample;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLException;
import org.HdrHistogram.Histogram;
import org.clusterdeck.net.TargetPolicy;
import org.clusterdeck.net.TargetRefusedException;

/**
 * The HTTP/1.1 load engine: N keep-alive connections on Netty (native epoll when available),
 * closed loop (like ab/wrk) or constant rate (like wrk2, coordinated omission corrected).
 * {@link #run} blocks until the run ends and returns what it measured; {@link #cancel} ends it
 * early and keeps the measurements. Memory stays flat: latencies go to per-thread interval
 * histograms, the series to a bounded {@link SeriesBuffer}.
 *
 * <pre>{@code
 * BenchmarkResult r = LoadEngine.prepare(spec, TargetPolicy.withoutInventory()).run(LoadEngine.Listener.NONE);
 * }</pre>
 */
public final class LoadEngine {
    /** Told once a second, on the engine's thread, what the last second looked like. */
    @FunctionalInterface
    public interface Listener {
        Listener NONE = (sample, progress) -> { };

        void onSecond(SecondSample sample, Progress progress);
    }

    /** How far a run is: elapsed measuring time, responses so far, fraction done (0..1). */
    public record Progress(long elapsedMs, long requests, long errors, double fraction) {
    }

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private final BenchmarkSpec spec;
    private final InetAddress address;
    private final SslContext ssl;
    private final AtomicLong admitted = new AtomicLong();
    private volatile boolean stopping;
    private volatile boolean cancelled;
    private volatile long measureStart;
    private CountDownLatch slotsRunning;
    private CountDownLatch slotsReady;

    private LoadEngine(BenchmarkSpec spec, InetAddress address, SslContext ssl) {
        this.spec = spec;
        this.address = address;
        this.ssl = ssl;
    }

    /** Resolves the target and checks it against {@code targets}; nothing is sent yet. */
    public static LoadEngine prepare(BenchmarkSpec spec, TargetPolicy targets) {
        InetAddress a;
        try {
            a = targets.resolve(spec.url().getHost());
        } catch (TargetRefusedException e) {
            throw new BenchmarkException(e.getMessage(), e);
        }
        SslContext ssl = null;
        if (spec.https()) {
            try {
                SslContextBuilder b = SslContextBuilder.forClient().endpointIdentificationAlgorithm(spec.insecure() ? null : "HTTPS");
                if (spec.insecure()) {
                    b.trustManager(InsecureTrustManagerFactory.INSTANCE);
                }
                ssl = b.build();
            } catch (SSLException e) {
                throw new BenchmarkException("Cannot set up TLS: " + e.getMessage(), e);
            }
        }
        return new LoadEngine(spec, a, ssl);
    }

    public InetAddress address() {
        return address;
    }

    /** Ends the run early; {@link #run} returns what was measured so far, marked cancelled. */
    public void cancel() {
        cancelled = true;
    }

    boolean stopping() {
        return stopping;
    }

    boolean measuring(long nanos) {
        return nanos - measureStart >= 0;
    }

    /** Whether a request with this latency origin may go out (the -n limit counts only measured ones). */
    boolean admit(long origin) {
        if (stopping) {
            return false;
        }
        return spec.requests() <= 0 || !measuring(origin) || admitted.incrementAndGet() <= spec.requests();
    }

    void slotReady() {
        slotsReady.countDown();
    }

    private void awaitReady() {
        try {
            slotsReady.await(spec.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            cancelled = true;
            Thread.currentThread().interrupt();
        }
    }

    void slotFinished() {
        slotsRunning.countDown();
    }

    /** Runs the benchmark on the calling thread's behalf and returns its result. */
    public BenchmarkResult run(Listener listener) {
        preflight();
        if (System.getProperty("io.netty.leakDetection.level") == null) {
            // leak sampling records a stack trace every ~128 buffers: measurable at 100k req/s, and the
            // engine's buffers are released on fixed paths (the tests count every request exactly)
            io.netty.util.ResourceLeakDetector.setLevel(io.netty.util.ResourceLeakDetector.Level.DISABLED);
        }
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        int threads = spec.threads() > 0 ? spec.threads() : Math.min(Runtime.getRuntime().availableProcessors(), spec.connections());
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("clusterdeck-bench", true), io);
        Instant startedAt = Instant.now();
        try {
            List<EventLoop> loops = new ArrayList<>();
            List<LoopStats> stats = new ArrayList<>();
            for (EventExecutor e : group) {
                loops.add((EventLoop) e);
                stats.add(new LoopStats((EventLoop) e));
            }
            byte[] wire = spec.encodeRequest();
            Bootstrap template = new Bootstrap()
                    .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, spec.timeout().toMillis()))
                    .remoteAddress(new InetSocketAddress(address, spec.port()));
            int n = spec.connections();
            long slotInterval = spec.constantRate() ? Math.max(1, Math.round(n * 1e9 / spec.rate())) : 0;
            slotsRunning = new CountDownLatch(n);
            slotsReady = new CountDownLatch(n);
            measureStart = System.nanoTime() + TimeUnit.DAYS.toNanos(365); // nothing counts before go
            List<ConnectionSlot> slots = new ArrayList<>(n);
            boolean head = spec.method().equals("HEAD");
            for (int i = 0; i < n; i++) {
                int k = i % loops.size();
                ByteBuf req = Unpooled.directBuffer(wire.length).writeBytes(wire);
                ConnectionSlot slot = new ConnectionSlot(this, loops.get(k), stats.get(k), req, head, slotInterval,
                        spec.timeout().toNanos());
                slots.add(slot);
                slot.start(template.clone(loops.get(k)).handler(initializer(slot)));
            }
            // the clock starts once every connection is open (or has failed once): a slow first
            // connect is not a latency, and constant-rate schedules do not begin in arrears
            awaitReady();
            long start = System.nanoTime();
            measureStart = start + spec.warmup().toNanos();
            for (int i = 0; i < n; i++) {
                ConnectionSlot slot = slots.get(i);
                long first = start + (spec.constantRate() ? Math.round(i * 1e9 / spec.rate()) : 0);
                slot.loop().execute(() -> slot.go(first));
            }
            return measure(listener, slots, stats, startedAt, epoll ? "epoll" : "nio");
        } finally {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    private ChannelInitializer<Channel> initializer(ConnectionSlot slot) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                if (ssl != null) {
                    ch.pipeline().addLast(ssl.newHandler(ch.alloc(), spec.url().getHost(), spec.port()));
                }
                ch.pipeline().addLast(slot);
            }
        };
    }

    /** The sampler: once a second, drains every loop's interval histogram into the series. */
    private BenchmarkResult measure(Listener listener, List<ConnectionSlot> slots, List<LoopStats> stats,
                                    Instant startedAt, String transport) {
        boolean timed = spec.duration() != null;
        long deadline = timed ? measureStart + spec.duration().toNanos() : 0;
        Histogram total = LoopStats.newHistogram();
        Histogram second = LoopStats.newHistogram();
        SeriesBuffer series = new SeriesBuffer(SeriesBuffer.DEFAULT_CAPACITY);
        Counts last = new Counts();
        boolean interrupted = false;
        long tickStart = measureStart;
        long end;
        while (true) {
            long now = System.nanoTime();
            if (cancelled || timed && now - deadline >= 0 || slotsRunning.getCount() == 0) {
                end = timed && now - deadline > 0 ? deadline : now;
                break;
            }
            long wake = Math.min(tickStart + SECOND, now + TimeUnit.MILLISECONDS.toNanos(50));
            if (timed) {
                wake = Math.min(wake, deadline);
            }
            try {
                slotsRunning.await(Math.max(0, wake - now), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
                cancelled = true;
                continue;
            }
            if (System.nanoTime() - (tickStart + SECOND) >= 0) {
                SecondSample s = sample(stats, slots, second, total, last, tickStart, SECOND);
                series.add(s);
                tickStart += SECOND;
                listener.onSecond(s, progress(tickStart, last));
            }
        }
        stopping = true;
        for (ConnectionSlot slot : slots) {
            slot.loop().execute(slot::finish);
        }
        try {
            slotsRunning.await(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        long width = Math.max(0, end - tickStart);
        if (width > 0) {
            SecondSample s = sample(stats, slots, second, total, last, tickStart, width);
            series.add(s);
            listener.onSecond(s, progress(end, last));
        } else {
            sample(stats, slots, second, total, last, tickStart, 0); // still collect stragglers into the totals
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        long elapsedMs = Math.max(0, TimeUnit.NANOSECONDS.toMillis(end - measureStart));
        return new BenchmarkResult(spec, address.getHostAddress(), transport, startedAt, elapsedMs, cancelled,
                last.s2, last.s3, last.s4, last.s5, last.other, last.connect, last.timeouts, last.read, last.bytesRead,
                last.bytesWritten, latency(total), series.snapshot(), LatencyPercentiles.encode(total), last.lastError);
    }

    private Progress progress(long at, Counts c) {
        long elapsed = TimeUnit.NANOSECONDS.toMillis(Math.max(0, at - measureStart));
        double byTime = spec.duration() == null ? 0 : elapsed / (double) spec.duration().toMillis();
        double byCount = spec.requests() <= 0 ? 0 : (c.responses() + c.connect + c.timeouts + c.read) / (double) spec.requests();
        return new Progress(elapsed, c.responses(), c.errors(), Math.min(1, Math.max(byTime, byCount)));
    }

    private SecondSample sample(List<LoopStats> stats, List<ConnectionSlot> slots, Histogram second, Histogram total,
                                Counts last, long startNanos, long widthNanos) {
        second.reset();
        Counts now = new Counts();
        for (LoopStats s : stats) {
            LoopStats.Interval in = takeOnLoop(s);
            second.add(in.latencies());
            now.add(in);
            s.recycle(in.latencies());
        }
        total.add(second);
        SecondSample sample = new SecondSample(TimeUnit.NANOSECONDS.toMillis(startNanos - measureStart),
                TimeUnit.NANOSECONDS.toMillis(widthNanos), second.getTotalCount(),
                now.errors() - last.errors(), now.bytesRead - last.bytesRead, second.getValueAtPercentile(50),
                second.getValueAtPercentile(90), second.getValueAtPercentile(99), second.getMaxValue());
        last.copy(now);
        return sample;
    }

    /** The hand-over runs on the loop itself, so the loop never needs a fence or an atomic to record. */
    private static LoopStats.Interval takeOnLoop(LoopStats s) {
        io.netty.util.concurrent.Future<LoopStats.Interval> f = s.loop.submit(s::take);
        if (!f.awaitUninterruptibly(10, TimeUnit.SECONDS) || !f.isSuccess()) {
            throw new IllegalStateException("a benchmark I/O thread did not hand over its measurements: " + f.cause());
        }
        return f.getNow();
    }

    /** A clear, early answer for the commonest mistakes: nothing listening, or no route. */
    private void preflight() {
        int timeout = (int) Math.min(Integer.MAX_VALUE, spec.timeout().toMillis());
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, spec.port()), timeout);
        } catch (ConnectException e) {
            throw new BenchmarkException("Connection refused by " + hostPort()
                    + ": nothing listens there. Is the server running, and is the port right?", e);
        } catch (SocketTimeoutException e) {
            throw new BenchmarkException("No answer from " + hostPort() + " within " + timeout
                    + " ms: is the server up? (raise --timeout if it is just slow)", e);
        } catch (IOException e) {
            throw new BenchmarkException("Cannot connect to " + hostPort() + ": " + e.getMessage(), e);
        }
    }

    private String hostPort() {
        String a = address.getHostAddress();
        return (a.contains(":") ? "[" + a + "]" : a) + ":" + spec.port();
    }

    static String describe(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c && (c.getMessage() == null || c instanceof io.netty.handler.codec.DecoderException)) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }

    /** Running totals over all loops, in the sampler thread. */
    private static final class Counts {
        long s2, s3, s4, s5, other, connect, timeouts, read, bytesRead, bytesWritten;
        String lastError;

        void add(LoopStats.Interval in) {
            long[] c = in.counters();
            s2 += c[LoopStats.S2];
            s3 += c[LoopStats.S3];
            s4 += c[LoopStats.S4];
            s5 += c[LoopStats.S5];
            other += c[LoopStats.OTHER];
            connect += c[LoopStats.CONNECT];
            timeouts += c[LoopStats.TIMEOUT];
            read += c[LoopStats.READ];
            bytesRead += c[LoopStats.BYTES_READ];
            bytesWritten += c[LoopStats.BYTES_WRITTEN];
            if (in.lastError() != null) {
                lastError = in.lastError();
            }
        }

        void copy(Counts o) {
            s2 = o.s2; s3 = o.s3; s4 = o.s4; s5 = o.s5; other = o.other; connect = o.connect; timeouts = o.timeouts;
            read = o.read; bytesRead = o.bytesRead; bytesWritten = o.bytesWritten; lastError = o.lastError;
        }

        long responses() {
            return s2 + s3 + s4 + s5 + other;
        }

        long errors() {
            return connect + timeouts + read + s4 + s5;
        }
    }

    /** The percentiles of a histogram of microseconds. */
    static LatencySummary latency(Histogram h) {
        if (h.getTotalCount() == 0) {
            return LatencySummary.EMPTY;
        }
        return new LatencySummary(h.getValueAtPercentile(50), h.getValueAtPercentile(90), h.getValueAtPercentile(99),
                h.getValueAtPercentile(99.9), h.getMaxValue(), h.getMean());
    }
}
