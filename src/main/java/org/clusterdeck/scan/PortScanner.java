package org.clusterdeck.scan;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.clusterdeck.net.TargetPolicy;

/**
 * TCP connect scan with non-blocking sockets on epoll (one loop per core): thousands of connects in flight,
 * never more than the open-file limit allows ({@link OpenFiles}), an optional rate per target,
 * retries for ports that did not answer, and the banner of services that speak first (SSH, SMTP,
 * FTP). Every target passes the {@link TargetPolicy} before the first socket is opened.
 *
 * <pre>{@code
 * List<PortScanResult> r = new PortScanner(TargetPolicy.withoutInventory())
 *         .scan(List.of("127.0.0.1"), PortScanner.Options.of(PortSet.all()));
 * }</pre>
 */
public final class PortScanner {
    private final TargetPolicy policy;

    public PortScanner(TargetPolicy policy) {
        this.policy = policy;
    }

    /**
     * How to scan. {@code rate}: connects per second per target (0: as fast as possible);
     * {@code retries}: further attempts for a port that did not answer within {@code timeoutMs};
     * {@code bannerBytes}: how much of a banner to keep (0: do not wait for banners).
     */
    public record Options(PortSet ports, int timeoutMs, double rate, int retries, int bannerBytes, int bannerTimeoutMs,
            int maxInFlight) {
        public static final int DEFAULT_TIMEOUT_MS = 1000;
        public static final int DEFAULT_RETRIES = 1;
        public static final int DEFAULT_BANNER_BYTES = 256;
        public static final int DEFAULT_BANNER_TIMEOUT_MS = 500;
        /** Enough to keep a filtered host's timeouts overlapping; the open-file limit may lower it. */
        public static final int DEFAULT_MAX_IN_FLIGHT = 4096;

        public Options {
            if (ports == null || ports.size() == 0) {
                throw new IllegalArgumentException("no ports to scan");
            }
            if (timeoutMs < 1 || timeoutMs > 600_000) {
                throw new IllegalArgumentException("the connect timeout must be 1 to 600000 ms, not " + timeoutMs);
            }
            if (!(rate >= 0) || Double.isInfinite(rate)) {
                throw new IllegalArgumentException("the rate must be a positive number of connects per second (0: no limit), not " + rate);
            }
            if (retries < 0 || retries > 10) {
                throw new IllegalArgumentException("retries must be 0 to 10, not " + retries);
            }
            if (bannerBytes < 0 || bannerBytes > 65536 || bannerTimeoutMs < 1) {
                throw new IllegalArgumentException("banner size must be 0 to 65536 bytes and its timeout at least 1 ms");
            }
            if (maxInFlight < 1) {
                throw new IllegalArgumentException("at least one connect must be in flight");
            }
        }

        public static Options of(PortSet ports) {
            return new Options(ports, DEFAULT_TIMEOUT_MS, 0, DEFAULT_RETRIES, DEFAULT_BANNER_BYTES,
                    DEFAULT_BANNER_TIMEOUT_MS, DEFAULT_MAX_IN_FLIGHT);
        }

        public Options withTimeoutMs(int ms) {
            return new Options(ports, ms, rate, retries, bannerBytes, bannerTimeoutMs, maxInFlight);
        }

        public Options withRate(double perSecond) {
            return new Options(ports, timeoutMs, perSecond, retries, bannerBytes, bannerTimeoutMs, maxInFlight);
        }

        public Options withRetries(int n) {
            return new Options(ports, timeoutMs, rate, n, bannerBytes, bannerTimeoutMs, maxInFlight);
        }

        public Options withMaxInFlight(int n) {
            return new Options(ports, timeoutMs, rate, retries, bannerBytes, bannerTimeoutMs, n);
        }
    }

    /**
     * Scans every target for the given ports, all at once. Every target is checked by the policy
     * first: one refused target throws its {@link org.clusterdeck.net.TargetRefusedException}
     * before any socket is opened to any of them. Interrupting the thread ends the scan
     * ({@link InterruptedIOException}).
     */
    public List<PortScanResult> scan(List<String> targets, Options options) throws IOException {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("no target given");
        }
        List<InetAddress> addresses = new ArrayList<>();
        for (String t : targets) {
            addresses.add(policy.resolve(t));
        }
        int[] ports = options.ports().toArray();
        // one epoll loop per core: on loopback and the LAN a scan is bound by the CPU, not by the network
        int engines = Math.max(1, Math.min(Math.min(Runtime.getRuntime().availableProcessors(), MAX_ENGINES),
                ports.length / 1024));
        int limit = Math.max(1, Math.min(options.maxInFlight(), OpenFiles.budget()) / engines);
        List<List<PortScanEngine.Target>> slices = new ArrayList<>();
        for (int e = 0; e < engines; e++) {
            slices.add(new ArrayList<>());
        }
        for (int i = 0; i < targets.size(); i++) {
            int[] order = shuffled(ports);
            for (int e = 0; e < engines; e++) {
                int[] slice = new int[(order.length - e + engines - 1) / engines];
                for (int j = 0; j < slice.length; j++) {
                    slice[j] = order[e + j * engines];
                }
                slices.get(e).add(new PortScanEngine.Target(targets.get(i), addresses.get(i), slice, options.rate() / engines));
            }
        }
        runAll(slices.stream().map(list -> new PortScanEngine.Engine(list, options, limit)).toList());
        List<PortScanResult> results = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            int index = i;
            results.add(PortScanEngine.Target.merge(slices.stream().map(list -> list.get(index)).toList()));
        }
        return results;
    }

    private static final int MAX_ENGINES = 4;

    /** A random order, as nmap's: spreads the load over the target's services and any filter's state. */
    private static int[] shuffled(int[] ports) {
        int[] order = ports.clone();
        Random r = new Random();
        for (int i = order.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int x = order[i];
            order[i] = order[j];
            order[j] = x;
        }
        return order;
    }

    /** Runs the engines on threads of their own; the first failure stops the others; an interrupt cancels all. */
    private static void runAll(List<PortScanEngine.Engine> engines) throws IOException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < engines.size(); i++) {
            PortScanEngine.Engine engine = engines.get(i);
            Thread th = new Thread(() -> {
                try {
                    engine.run();
                } catch (Throwable t) {
                    if (failure.compareAndSet(null, t)) {
                        threads.forEach(Thread::interrupt);
                    }
                }
            }, "port-scan-" + i);
            th.setDaemon(true);
            threads.add(th);
        }
        threads.forEach(Thread::start);
        try {
            for (Thread th : threads) {
                th.join();
            }
        } catch (InterruptedException e) {
            threads.forEach(Thread::interrupt);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("port scan cancelled");
        }
        Throwable t = failure.get();
        if (t instanceof IOException io) {
            throw io;
        }
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error err) {
            throw err;
        }
    }
}
