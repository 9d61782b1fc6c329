package org.clusterdeck.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real HTTP server on 127.0.0.1 with behaviour the tests control:
 * {@code /ok} 200; {@code /mixed} 404, 500, 200, 200 in turn; {@code /chunked} a chunked body;
 * {@code /close} asks the client to close after every 10th answer; {@code /slow} answers after
 * 2 s; {@code /stall} stalls once for 1 s after {@link #armStall}. With {@code singleThread} every
 * answer waits for the one before, as a server overwhelmed by a stall would.
 */
public final class TestHttpServer implements AutoCloseable {
    static {
        // without it the JDK server's split header/body writes meet delayed ACKs: ~40 ms per answer
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicLong mixed = new AtomicLong();
    private final AtomicLong closes = new AtomicLong();
    private final AtomicLong served = new AtomicLong();
    private final AtomicBoolean stallArmed = new AtomicBoolean();
    private volatile long stallAfterNanos = Long.MAX_VALUE;

    public TestHttpServer(boolean singleThread) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        executor = singleThread ? Executors.newSingleThreadExecutor() : Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/ok", ex -> answer(ex, 200, "hello"));
        server.createContext("/mixed", ex -> {
            long n = mixed.getAndIncrement() % 4;
            answer(ex, n == 0 ? 404 : n == 1 ? 500 : 200, "mixed");
        });
        server.createContext("/chunked", ex -> {
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                out.write("first chunk;".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                out.write("second chunk".getBytes(StandardCharsets.US_ASCII));
            }
        });
        server.createContext("/close", ex -> {
            if (closes.incrementAndGet() % 10 == 0) {
                ex.getResponseHeaders().set("Connection", "close");
            }
            answer(ex, 200, "closing sometimes");
        });
        server.createContext("/slow", ex -> {
            pause(2000);
            answer(ex, 200, "slow");
        });
        server.createContext("/stall", ex -> {
            if (System.nanoTime() - stallAfterNanos >= 0 && stallArmed.compareAndSet(true, false)) {
                pause(1000);
            }
            answer(ex, 200, "fast");
        });
        server.start();
    }

    /** The next {@code /stall} request arriving {@code afterMillis} from now stalls the server for 1 s. */
    public void armStall(long afterMillis) {
        stallAfterNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(afterMillis);
        stallArmed.set(true);
    }

    public long served() {
        return served.get();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private void answer(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.US_ASCII);
        ex.getRequestBody().readAllBytes();
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
        served.incrementAndGet();
    }

    private void pause(long millis) {
        try {
            closing.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
