package org.clusterdeck.bench;

import org.clusterdeck.net.TargetPolicy;
import org.clusterdeck.model.BenchmarkResult;
import org.clusterdeck.model.BenchmarkSpec;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS to a lab-style server with a self-signed certificate: refused unless explicitly accepted. */
class HttpsBenchTest {
    @TempDir
    Path dir;

    @Test
    void selfSignedCertificateNeedsTheExplicitInsecureSwitch() throws Exception {
        Path keystore = dir.resolve("lab.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "lab", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", "changeit",
                "-keypass", "changeit", "-ext", "san=ip:127.0.0.1").redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();

        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);

        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        ExecutorService pool = Executors.newCachedThreadPool();
        server.setExecutor(pool);
        server.createContext("/", ex -> {
            byte[] b = "secure".getBytes();
            ex.sendResponseHeaders(200, b.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(b);
            }
        });
        server.start();
        try {
            String url = "https://127.0.0.1:" + server.getAddress().getPort() + "/";
            BenchmarkSpec strict = BenchmarkSpec.of(url, 2, 10, null, 0, null, null, "GET", List.of(), null, false);
            BenchmarkResult refused = LoadEngine.prepare(strict, TargetPolicy.withoutInventory()).run(LoadEngine.Listener.NONE);
            assertThat(refused.requests()).isZero();
            assertThat(refused.connectErrors()).isEqualTo(10);
            assertThat(refused.lastError()).contains("TLS handshake failed").contains("--insecure");

            BenchmarkSpec insecure = BenchmarkSpec.of(url, 2, 200, null, 0, null, null, "GET", List.of(), null, true);
            BenchmarkResult ok = LoadEngine.prepare(insecure, TargetPolicy.withoutInventory()).run(LoadEngine.Listener.NONE);
            assertThat(ok.status2xx()).isEqualTo(200);
            assertThat(ok.errors()).isZero();
        } finally {
            server.stop(0);
            pool.shutdownNow();
        }
    }
}
