package org.clusterdeck.lb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.clusterdeck.lab.LocalCommand;
import org.clusterdeck.testing.RealParts;

/**
 * Real {@code nginx -t} on this machine for a generated configuration: a private folder (its own
 * prefix, logs, temp paths) with a self-signed certificate and key made by openssl, as TlsNginx does.
 */
final class NginxCheck implements AutoCloseable {
    final Path dir;
    final String cert;
    final String key;

    NginxCheck() throws IOException {
        RealParts.require(new java.io.File("/usr/sbin/nginx").canExecute(),
                "nginx is not installed; install the Debian package nginx-light (app/packages-test.txt)");
        RealParts.require(new java.io.File("/usr/bin/openssl").canExecute(), "openssl is not installed; install the Debian package openssl");
        dir = Files.createTempDirectory("clusterdeck-lb-");
        cert = dir + "/lb.crt";
        key = dir + "/lb.key";
        LocalCommand.check("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=localhost");
    }

    /** The configuration as it runs here: runtime files under the private folder. */
    LbConfig local(LbConfig c) {
        return c.withRuntime(NginxRuntime.under(dir.toString()));
    }

    /** nginx -t's verdict on {@code text}: the result (ok or the reason nginx gives). */
    LocalCommand.Result test(String text) throws IOException {
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, text);
        return LocalCommand.run("/usr/sbin/nginx", "-t", "-q", "-p", dir.toString(), "-c", conf.toString(), "-e", dir + "/error.log");
    }

    @Override
    public void close() throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
