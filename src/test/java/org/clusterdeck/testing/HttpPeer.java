package org.clusterdeck.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real HTTP/1.1 peer on 127.0.0.1 for scan tests: every connection reads the request head and
 * gets the current response, which the test changes between scans (a header added = a fix).
 */
public final class HttpPeer implements AutoCloseable {
    private final ServerSocket server;
    private final AtomicReference<String> response = new AtomicReference<>();

    public HttpPeer(String headers) throws IOException {
        respond(headers);
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::serve, "http-peer-" + server.getLocalPort());
        t.setDaemon(true);
        t.start();
    }

    /** From now on answers 200 with these header lines (each ending in CRLF) and a small body. */
    public void respond(String headers) {
        String body = "<html><title>ok</title></html>\n";
        response.set("HTTP/1.1 200 OK\r\n" + headers + "Content-Type: text/html\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + body);
    }

    /** From now on answers exactly {@code bytes} (not HTTP, or hostile). */
    public void respondRaw(String bytes) {
        response.set(bytes);
    }

    public int port() {
        return server.getLocalPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port() + "/";
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket c = server.accept()) {
                InputStream in = c.getInputStream();
                int state = 0; // read up to the blank line that ends the request head
                while (state < 4) {
                    int b = in.read();
                    if (b < 0) {
                        break;
                    }
                    state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
                }
                OutputStream out = c.getOutputStream();
                out.write(response.get().getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                // closed by the test, or the scanner left early
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
