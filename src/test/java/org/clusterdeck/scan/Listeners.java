package org.clusterdeck.scan;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

/** Real TCP listeners on 127.0.0.1 for scan tests: each accepts, sends its banner (if any) and closes. */
final class Listeners implements AutoCloseable {
    private final List<ServerSocket> servers = new ArrayList<>();
    final AtomicInteger accepted = new AtomicInteger();

    /** A listener on a free port (the kernel picks it, so from the ephemeral range) that sends {@code banner} ("" none). */
    int start(String banner) throws IOException {
        ServerSocket s = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        servers.add(s);
        Thread t = new Thread(() -> {
            while (!s.isClosed()) {
                try (Socket c = s.accept()) {
                    accepted.incrementAndGet();
                    if (!banner.isEmpty()) {
                        OutputStream out = c.getOutputStream();
                        out.write(banner.getBytes(StandardCharsets.UTF_8));
                        out.flush();
                    }
                } catch (IOException e) {
                    // closed by the test, or the scanner reset the connection: next one
                }
            }
        }, "listener-" + s.getLocalPort());
        t.setDaemon(true);
        t.start();
        return s.getLocalPort();
    }

    TreeSet<Integer> ports() {
        TreeSet<Integer> p = new TreeSet<>();
        servers.forEach(s -> p.add(s.getLocalPort()));
        return p;
    }

    @Override
    public void close() throws IOException {
        for (ServerSocket s : servers) {
            s.close();
        }
    }
}
