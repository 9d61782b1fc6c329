package org.clusterdeck.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One of the benchmark's N connections: sends a request, parses the answer, sends the next.
 * Lives on one event loop for its whole life, reconnecting transparently when the server closes
 * (nginx does after 1,000 keep-alive requests) or a request times out. In constant-rate mode the
 * latency of a request counts from its scheduled send time, not from when it could be sent.
 */
@ChannelHandler.Sharable
final class ConnectionSlot extends ChannelInboundHandlerAdapter {
    private static final long RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final LoadEngine engine;
    private final EventLoop loop;
    private final LoopStats stats;
    private final ByteBuf request;
    private final int requestBytes;
    private final ResponseParser parser;
    private final long intervalNanos;
    private final long timeoutNanos;
    private Bootstrap bootstrap;
    private Channel channel;
    private boolean outstanding;
    private boolean counted;
    private boolean timerPending;
    private boolean finished;
    private boolean connected;
    private boolean going;
    private boolean reportedReady;
    private ChannelHandlerContext writeCtx;
    private long sentAt;
    private long latencyOrigin;
    private long nextIntended;
    private ScheduledFuture<?> sweeper;

    ConnectionSlot(LoadEngine engine, EventLoop loop, LoopStats stats, ByteBuf request, boolean head,
                   long intervalNanos, long timeoutNanos) {
        this.engine = engine;
        this.loop = loop;
        this.stats = stats;
        this.request = request;
        this.requestBytes = request.readableBytes();
        this.parser = new ResponseParser(head);
        this.intervalNanos = intervalNanos;
        this.timeoutNanos = timeoutNanos;
    }

    EventLoop loop() {
        return loop;
    }

    /** Opens the slot's connection; nothing is sent until {@link #go}. The engine is told when it is ready (or failed). */
    void start(Bootstrap b) {
        this.bootstrap = b;
        loop.execute(() -> {
            long period = Math.max(TimeUnit.MILLISECONDS.toNanos(5), Math.min(timeoutNanos / 4, TimeUnit.MILLISECONDS.toNanos(250)));
            sweeper = loop.scheduleAtFixedRate(this::checkTimeout, period, period, TimeUnit.NANOSECONDS);
            connect();
        });
    }

    /** Starts sending (on the loop); the first request is due at {@code firstIntended} in constant-rate mode. */
    void go(long firstIntended) {
        nextIntended = firstIntended;
        going = true;
        sendNext();
    }

    private void ready() {
        connected = true;
        writeCtx = channel.pipeline().context(this);
        if (!reportedReady) {
            reportedReady = true;
            engine.slotReady();
        }
        sendNext();
    }

    private void connect() {
        if (finished) {
            return;
        }
        if (engine.stopping()) {
            finish();
            return;
        }
        bootstrap.connect().addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                connectFailed(f.cause());
                return;
            }
            Channel c = f.channel();
            if (finished) {
                c.close();
                return;
            }
            channel = c;
            SslHandler ssl = c.pipeline().get(SslHandler.class);
            if (ssl == null) {
                ready();
            } else {
                ssl.handshakeFuture().addListener(h -> {
                    if (h.isSuccess() && channel == c) {
                        ready();
                    } else if (channel == c) {
                        channel = null;
                        connected = false;
                        c.close();
                        connectFailed(new BenchmarkException("TLS handshake failed: " + LoadEngine.describe(h.cause())
                                + " (for a lab's self-signed certificate, allow it explicitly with --insecure)"));
                    }
                });
            }
        });
    }

    private void connectFailed(Throwable cause) {
        if (finished || engine.stopping()) {
            finish();
            return;
        }
        if (!going) {
            // before the clock starts a failure only ends the engine's wait; the next try may count
            if (!reportedReady) {
                reportedReady = true;
                engine.slotReady();
            }
            loop.schedule(this::connect, RETRY_NANOS, TimeUnit.NANOSECONDS);
            return;
        }
        long now = System.nanoTime();
        // a failed connect uses up a request, so a run with -n ends even when the server is gone
        if (!engine.admit(now)) {
            finish();
            return;
        }
        if (engine.measuring(now)) {
            stats.connectErrors++;
            stats.lastError = "connect: " + LoadEngine.describe(cause);
        }
        loop.schedule(this::connect, RETRY_NANOS, TimeUnit.NANOSECONDS);
    }

    private void sendNext() {
        sendNext(System.nanoTime());
    }

    /** Sends the next request; {@code now} is passed in when the caller has just read the clock. */
    private void sendNext(long now) {
        Channel c = channel;
        if (finished || c == null || !connected || !going || outstanding) {
            return;
        }
        long origin = now;
        if (intervalNanos > 0) {
            if (nextIntended > now) {
                if (!timerPending) {
                    timerPending = true;
                    loop.schedule(this::timerFired, nextIntended - now, TimeUnit.NANOSECONDS);
                }
                return;
            }
            origin = nextIntended;
            nextIntended += intervalNanos;
        }
        if (!engine.admit(origin)) {
            finish();
            return;
        }
        counted = engine.measuring(origin);
        latencyOrigin = origin;
        sentAt = now;
        outstanding = true;
        // from this handler's context: straight to the transport (through TLS if any), no walk from the tail
        writeCtx.writeAndFlush(request.retainedDuplicate(), writeCtx.voidPromise());
        if (counted) {
            stats.bytesWritten += requestBytes;
        }
    }

    private void timerFired() {
        timerPending = false;
        sendNext();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        try {
            if (ctx.channel() != channel || !outstanding) {
                return; // late bytes of a dropped connection, or unsolicited: not ours to count
            }
            if (counted && !engine.stopping()) {
                stats.bytesRead += in.readableBytes();
            }
            byte[] scratch = stats.scratch;
            while (outstanding && in.isReadable()) {
                long body = parser.bodyBytesLeft();
                boolean done;
                if (body > 0) {
                    int n = (int) Math.min(body, in.readableBytes());
                    in.skipBytes(n);
                    done = parser.skipBody(n);
                } else {
                    // one copy of the few hundred header bytes beats a bounds-checked getByte per character
                    int len = Math.min(in.readableBytes(), scratch.length);
                    in.getBytes(in.readerIndex(), scratch, 0, len);
                    int used = parser.feed(scratch, 0, len);
                    done = used < 0;
                    in.skipBytes(done ? -used - 1 : used);
                }
                if (!done) {
                    continue;
                }
                boolean close = parser.closeAfter();
                long now = System.nanoTime(); // one clock read ends this request and starts the next
                completed(parser.status(), now);
                if (close) {
                    dropAndReconnect();
                    return;
                }
                sendNext(now);
            }
        } catch (ResponseParser.BadResponseException e) {
            failRequest("read: bad response (" + e.getMessage() + ")");
            dropAndReconnect();
        } finally {
            in.release();
        }
    }

    private void completed(int status, long now) {
        outstanding = false;
        if (counted && !engine.stopping()) {
            stats.recordResponse(status, now - latencyOrigin);
        }
    }

    private void failRequest(String why) {
        if (outstanding && counted && !engine.stopping()) {
            stats.readErrors++;
            stats.lastError = why;
        }
        outstanding = false;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (ctx.channel() != channel) {
            return;
        }
        channel = null;
        connected = false;
        if (outstanding) {
            if (parser.readsUntilClose()) {
                completed(parser.status(), System.nanoTime());
            } else {
                failRequest("read: connection closed by the server before the response ended");
            }
        }
        parser.reset();
        if (!finished) {
            connect();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (ctx.channel() != channel) {
            ctx.close();
            return;
        }
        failRequest("read: " + LoadEngine.describe(cause));
        dropAndReconnect();
    }

    private void checkTimeout() {
        if (outstanding && System.nanoTime() - sentAt > timeoutNanos) {
            if (counted && !engine.stopping()) {
                stats.timeouts++;
                stats.lastError = "timeout: no complete response within " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms";
            }
            outstanding = false;
            dropAndReconnect();
        }
    }

    /** Closes the current connection (its late events are ignored) and opens a new one. */
    private void dropAndReconnect() {
        Channel c = channel;
        channel = null;
        connected = false;
        outstanding = false;
        parser.reset();
        if (c != null) {
            c.close();
        }
        connect();
    }

    /** Stops this slot for good; safe to call more than once, on its loop. */
    void finish() {
        if (finished) {
            return;
        }
        finished = true;
        if (sweeper != null) {
            sweeper.cancel(false);
        }
        Channel c = channel;
        channel = null;
        if (c != null) {
            c.close();
        }
        request.release();
        engine.slotFinished();
    }
}
