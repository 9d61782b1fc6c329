package org.clusterdeck.virt;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;

/**
 * Open hypervisor connections, one per URI, shared by every job of this process (the test driver's
 * state lives in its connection, so there must be exactly one). Opening is bounded by a timeout;
 * a connection found dead is reopened. The state of each URI is kept for the UI.
 */
public final class Connections implements AutoCloseable {
    /** Where a connection stands. */
    public enum State { DISCONNECTED, CONNECTING, CONNECTED, FAILED }

    /** A URI's state with a sentence for people and when it last changed. */
    public record Status(State state, String message, Instant since) {
    }

    private final Duration timeout;
    private final Map<String, Hypervisor> open = new ConcurrentHashMap<>();
    private final Map<String, Status> status = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final List<BiConsumer<String, Status>> listeners = new CopyOnWriteArrayList<>();

    public Connections(Duration timeout) {
        this.timeout = timeout;
    }

    public void addListener(BiConsumer<String, Status> listener) {
        listeners.add(listener);
    }

    public Status status(String uri) {
        return status.getOrDefault(uri, new Status(State.DISCONNECTED, "Not connected yet.", Instant.now()));
    }

    /** Whether a live connection to this URI is already open in this process. */
    public boolean isOpen(String uri) {
        return open.containsKey(uri);
    }

    /** The open connection to {@code uri}, opening (or reopening) it within the timeout. */
    public Hypervisor get(String uri) {
        Object lock = locks.computeIfAbsent(uri, u -> new Object());
        synchronized (lock) {
            Hypervisor h = open.get(uri);
            if (h != null) {
                if (h.isTestDriver() || h.isAlive()) {
                    return h;
                }
                open.remove(uri);
                h.close();
                setStatus(uri, State.CONNECTING, "The connection was lost; reconnecting.");
            } else {
                setStatus(uri, State.CONNECTING, "Connecting.");
            }
            try {
                h = openWithTimeout(uri);
            } catch (VirtException e) {
                setStatus(uri, State.FAILED, e.getMessage());
                throw e;
            }
            open.put(uri, h);
            setStatus(uri, State.CONNECTED, "Connected.");
            return h;
        }
    }

    private Hypervisor openWithTimeout(String uri) {
        LibvirtNative.require();
        FutureTask<Hypervisor> task = new FutureTask<>(() -> LibvirtHypervisor.open(uri));
        Thread t = new Thread(task, "libvirt-connect");
        t.setDaemon(true); // libvirt's open cannot be interrupted; a hung one must not keep the JVM alive
        t.start();
        try {
            return task.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            task.cancel(true);
            throw new VirtException("TIMEOUT", "No answer from " + uri + " within " + timeout.toSeconds()
                    + " s. Check that the host is up and libvirtd is running, then try again.");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof VirtException v) {
                throw v;
            }
            throw new VirtException("VIR_ERR_UNKNOWN", "Cannot connect to " + uri + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VirtException("CANCELLED", "Connecting to " + uri + " was cancelled.");
        }
    }

    /** Marks a connection found dead by a failed call: closed now, reopened by the next {@link #get}. */
    public void lost(String uri, String message) {
        Optional.ofNullable(open.remove(uri)).ifPresent(Hypervisor::close);
        setStatus(uri, State.FAILED, message);
    }

    /** Closes and forgets the connection (the test driver's state goes with it). */
    public void disconnect(String uri) {
        Optional.ofNullable(open.remove(uri)).ifPresent(Hypervisor::close);
        setStatus(uri, State.DISCONNECTED, "Disconnected.");
    }

    private void setStatus(String uri, State s, String message) {
        Status st = new Status(s, message, Instant.now());
        status.put(uri, st);
        for (BiConsumer<String, Status> l : listeners) {
            l.accept(uri, st);
        }
    }

    @Override
    public void close() {
        open.values().forEach(Hypervisor::close);
        open.clear();
    }
}
