package org.clusterdeck.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A real nginx (Debian nginx-light) on 127.0.0.1 with its own configuration in a temp dir. */
final class NginxTarget implements AutoCloseable {
    private final Path dir;
    private final int port;

    static String nginxBinary() {
        for (String p : List.of("/usr/sbin/nginx", "/usr/bin/nginx")) {
            if (Files.isExecutable(Paths.get(p))) {
                return p;
            }
        }
        return null;
    }

    NginxTarget(int keepaliveRequests) throws IOException, InterruptedException {
        dir = Files.createTempDirectory("bench-nginx");
        Files.createDirectories(dir.resolve("www"));
        Files.writeString(dir.resolve("www/index.html"), "x".repeat(612));
        dir.toFile().setReadable(true, false);
        dir.toFile().setExecutable(true, false);
        dir.resolve("www").toFile().setReadable(true, false);
        dir.resolve("www").toFile().setExecutable(true, false);
        dir.resolve("www/index.html").toFile().setReadable(true, false);
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String conf = """
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 1024; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    keepalive_requests %2$d;
                    server { listen 127.0.0.1:%3$d; root %1$s/www; }
                }
                """.formatted(dir, keepaliveRequests, port);
        Files.writeString(dir.resolve("nginx.conf"), conf);
        Process p = new ProcessBuilder(nginxBinary(), "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(),
                "-e", dir.resolve("error.log").toString()).redirectErrorStream(true).start();
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("nginx did not start: " + new String(p.getInputStream().readAllBytes()));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                break;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    String url() {
        return "http://127.0.0.1:" + port + "/index.html";
    }

    @Override
    public void close() throws IOException, InterruptedException {
        Path pid = dir.resolve("nginx.pid");
        if (Files.exists(pid)) {
            long id = Long.parseLong(Files.readString(pid).strip());
            ProcessHandle.of(id).ifPresent(h -> {
                h.destroy(); // the master we started, by its pid; it stops its worker
                h.onExit().orTimeout(5, TimeUnit.SECONDS).exceptionally(t -> null).join();
            });
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
