package org.clusterdeck.scan;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.clusterdeck.lab.LocalCommand;
import org.clusterdeck.testing.RealParts;

/**
 * A private nginx on 127.0.0.1 (its own prefix, config and certificates in a temp directory) with
 * four TLS servers: {@link #weak} TLS 1.0–1.3 with every suite OpenSSL has at security level 0, a
 * 224-bit curve and 1024-bit DH parameters, no OCSP staple, no HSTS; {@link #expired} an expired
 * self-signed certificate whose subject CN carries an escape sequence; {@link #intermediate} Mozilla's
 * intermediate configuration (guidelines 6.0) with a CA-issued certificate naming 127.0.0.1 and
 * localhost and an OCSP responder (a name under .invalid: never contacted), a stapled "good" OCSP
 * response made by {@code openssl ocsp} from the test CA, and HSTS for two years; {@link #hostile} a
 * self-signed certificate whose CN (a UTF8String) holds markup, quotes and a newline.
 */
public final class TlsNginx implements AutoCloseable {
    /** The expired certificate's CN: ESC [2J would clear a terminal. */
    public static final String HOSTILE_CN = "evil\u001b[2Jname";
    /** The hostile certificate's CN: a script tag, both quotes and a newline. */
    public static final String SCRIPT_CN = "<script>alert(1)</script> \"q' x\nnext line";
    /** ssl-config.mozilla.org guidelines 6.0, intermediate: "ciphers" → "openssl". */
    static final String INTERMEDIATE_CIPHERS = "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
            + "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:"
            + "ECDHE-RSA-CHACHA20-POLY1305";
    /** The same guidelines' "tls_curves" without X25519MLKEM768, which Debian 12's OpenSSL 3.0 lacks. */
    static final String INTERMEDIATE_CURVES = "X25519:prime256v1:secp384r1";
    /** The OCSP responder the intermediate certificate names. */
    public static final String OCSP_URL = "http://ocsp.clusterdeck.invalid/";

    public final int weak;
    public final int expired;
    public final int intermediate;
    public final int hostile;
    private final Path dir;

    private TlsNginx(Path dir, int[] ports) {
        this.dir = dir;
        this.weak = ports[0];
        this.expired = ports[1];
        this.intermediate = ports[2];
        this.hostile = ports[3];
    }

    /** Skips (RealParts) without nginx or openssl. */
    public static TlsNginx start() throws IOException {
        RealParts.require(new java.io.File("/usr/sbin/nginx").canExecute(),
                "nginx is not installed; install the Debian package nginx-light (app/packages-test.txt)");
        RealParts.require(new java.io.File("/usr/bin/openssl").canExecute(),
                "openssl is not installed; install the Debian package openssl");
        Path d = Files.createTempDirectory("clusterdeck-tls-");
        String w = d.toString();
        Files.writeString(d.resolve("ca.cnf"), "[ca]\ndefault_ca=c\n[c]\ndatabase=" + w + "/index.txt\nnew_certs_dir=" + w
                + "\nserial=" + w + "/serial\ndefault_md=sha256\npolicy=p\n[p]\ncommonName=supplied\n");
        Files.writeString(d.resolve("index.txt"), "");
        Files.writeString(d.resolve("serial"), "01\n");
        Files.writeString(d.resolve("ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\nauthorityInfoAccess=OCSP;URI:"
                + OCSP_URL + "\n");
        // expired and self-signed: 'openssl ca -selfsign' takes explicit start and end dates (OpenSSL 3.0 'req' cannot)
        LocalCommand.check("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", w + "/old.key", "-out",
                w + "/old.csr", "-subj", "/CN=" + HOSTILE_CN);
        LocalCommand.check("openssl", "ca", "-batch", "-notext", "-config", w + "/ca.cnf", "-selfsign", "-keyfile",
                w + "/old.key", "-in", w + "/old.csr", "-startdate", "20200101000000Z", "-enddate", "20200201000000Z",
                "-out", w + "/old.crt");
        LocalCommand.check("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", w + "/ca.key", "-out",
                w + "/ca.crt", "-days", "3650", "-subj", "/CN=ClusterDeck test CA");
        LocalCommand.check("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", w + "/good.key", "-out",
                w + "/good.csr", "-subj", "/CN=localhost");
        // issued with 'openssl ca' so that the CA's index knows it and 'openssl ocsp' answers "good"
        LocalCommand.check("openssl", "ca", "-batch", "-notext", "-config", w + "/ca.cnf", "-cert", w + "/ca.crt",
                "-keyfile", w + "/ca.key", "-in", w + "/good.csr", "-days", "30", "-extfile", w + "/ext", "-out",
                w + "/good.crt");
        LocalCommand.check("openssl", "ocsp", "-issuer", w + "/ca.crt", "-cert", w + "/good.crt", "-no_nonce", "-reqout",
                w + "/ocsp.req");
        LocalCommand.check("openssl", "ocsp", "-index", w + "/index.txt", "-CA", w + "/ca.crt", "-rsigner", w + "/ca.crt",
                "-rkey", w + "/ca.key", "-reqin", w + "/ocsp.req", "-respout", w + "/ocsp.der", "-ndays", "7");
        LocalCommand.check("openssl", "dhparam", "-dsaparam", "-out", w + "/dh1024.pem", "1024");
        // '/' ends an RDN in -subj unless escaped; -utf8 makes the CN a UTF8String with the newline in it
        LocalCommand.check("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", w + "/hostile.key", "-out", w + "/hostile.crt", "-days", "30", "-utf8", "-subj",
                "/CN=" + SCRIPT_CN.replace("/", "\\/"));
        int[] ports = freePorts(4);
        Files.writeString(d.resolve("nginx.conf"), """
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 256; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/body; proxy_temp_path %1$s/proxy; fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi; scgi_temp_path %1$s/scgi;
                    server {
                        listen 127.0.0.1:%2$d ssl;
                        ssl_certificate %1$s/good.crt; ssl_certificate_key %1$s/good.key;
                        ssl_protocols TLSv1 TLSv1.1 TLSv1.2 TLSv1.3;
                        # Debian's OpenSSL refuses TLS 1.0/1.1 and the weakest suites above security level 0
                        ssl_ciphers "ALL:COMPLEMENTOFALL:@SECLEVEL=0";
                        ssl_ecdh_curve X25519:prime256v1:secp384r1:secp224r1;
                        ssl_dhparam %1$s/dh1024.pem;
                    }
                    server {
                        listen 127.0.0.1:%3$d ssl;
                        ssl_certificate %1$s/old.crt; ssl_certificate_key %1$s/old.key;
                    }
                    server {
                        listen 127.0.0.1:%4$d ssl;
                        ssl_certificate %1$s/good.crt; ssl_certificate_key %1$s/good.key;
                        ssl_protocols TLSv1.2 TLSv1.3;
                        ssl_ciphers %5$s;
                        ssl_ecdh_curve %6$s;
                        ssl_prefer_server_ciphers off;
                        ssl_stapling on;
                        ssl_stapling_file %1$s/ocsp.der;
                        add_header Strict-Transport-Security "max-age=63072000" always;
                    }
                    server {
                        listen 127.0.0.1:%7$d ssl;
                        ssl_certificate %1$s/hostile.crt; ssl_certificate_key %1$s/hostile.key;
                    }
                }
                """.formatted(w, ports[0], ports[1], ports[2], INTERMEDIATE_CIPHERS, INTERMEDIATE_CURVES, ports[3]));
        TlsNginx n = new TlsNginx(d, ports);
        LocalCommand.Result r = LocalCommand.run("/usr/sbin/nginx", "-p", w, "-c", w + "/nginx.conf", "-e", w + "/error.log");
        if (!r.ok()) {
            n.close();
            throw new IOException("nginx did not start: " + r.reason());
        }
        return n;
    }

    private static int[] freePorts(int n) throws IOException {
        ServerSocket[] s = new ServerSocket[n];
        int[] out = new int[n];
        try {
            for (int i = 0; i < n; i++) {
                s[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                out[i] = s[i].getLocalPort();
            }
        } finally {
            for (ServerSocket x : s) {
                if (x != null) {
                    x.close();
                }
            }
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        Path pid = dir.resolve("nginx.pid");
        if (Files.exists(pid)) {
            LocalCommand.run("kill", Files.readString(pid).strip());
            for (int i = 0; i < 50 && Files.exists(pid); i++) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
