package org.clusterdeck.scan;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.clusterdeck.net.TargetPolicy;

/**
 * Probes what a TLS server accepts, the way sslscan does: per protocol version (SSLv3 to TLS 1.3)
 * one hand-built ClientHello offering every known suite ({@link TlsWire}); when the server answers
 * with that version, the suite it chose is accepted, and the same list without it is offered again
 * until the server refuses. Then the certificate is read with Java's TLS stack ({@link TlsCertificates})
 * and everything is judged against Mozilla's server-side TLS guidelines, version
 * {@value TlsCipherSuites#MOZILLA_VERSION}, intermediate profile ({@link TlsJudge}).
 */
public final class TlsScanner {
    public static final int DEFAULT_PORT = 443;
    static final int TIMEOUT_MS = 5000;
    private static final int[] VERSIONS = {TlsWire.SSL3, TlsWire.TLS10, TlsWire.TLS11, TlsWire.TLS12, TlsWire.TLS13};
    static final List<String> NOT_CHECKED = List.of(
            "OCSP stapling and the certificate's OCSP responder",
            "HSTS (scan http https://HOST/ reports it)",
            "whether the chain leads to a trusted root (only self-signed leaves are reported)",
            "key exchange groups per suite");

    private final TargetPolicy policy;
    private final SecureRandom random = new SecureRandom();

    public TlsScanner(TargetPolicy policy) {
        this.policy = policy;
    }

    /** Scans "HOST[:PORT]" (port 443 when none is given); the target policy decides first. */
    public TlsScanResult scan(String target) throws IOException {
        SshScanner.Endpoint e = SshScanner.Endpoint.parse(target, DEFAULT_PORT);
        InetAddress address = policy.resolve(e.host());
        InetSocketAddress to = new InetSocketAddress(address, e.port());
        String sni = TargetPolicy.literal(e.host()) == null ? e.host() : null; // SNI never carries an address (RFC 6066 §3)
        long start = System.nanoTime();
        try (Socket probe = new Socket()) {
            probe.connect(to, TIMEOUT_MS); // a closed port is an error, not "no protocols"
        } catch (IOException ex) {
            throw new IOException("cannot connect to " + e.host() + " port " + e.port() + ": " + ex.getMessage(), ex);
        }
        // one thread per protocol version and one for the certificate: each waits on round trips, not on the CPU
        ExecutorService pool = Executors.newFixedThreadPool(VERSIONS.length + 1);
        try {
            Future<TlsScanResult.Certificate> certificate = pool.submit(() -> TlsCertificates.read(to, e.host(), sni, TIMEOUT_MS));
            List<Future<List<TlsCipherSuites.Suite>>> perVersion = new ArrayList<>();
            for (int version : VERSIONS) {
                perVersion.add(pool.submit(() -> accepted(to, version, sni)));
            }
            List<TlsScanResult.Protocol> protocols = new ArrayList<>();
            for (int i = 0; i < VERSIONS.length; i++) {
                List<TlsCipherSuites.Suite> accepted = get(perVersion.get(i));
                if (!accepted.isEmpty()) {
                    protocols.add(new TlsScanResult.Protocol(TlsWire.versionName(VERSIONS[i]), accepted));
                }
            }
            List<String> notChecked = new ArrayList<>(NOT_CHECKED);
            TlsScanResult.Certificate cert = null;
            if (!protocols.isEmpty()) {
                try {
                    cert = get(certificate);
                } catch (IOException ex) {
                    notChecked.add(0, "the certificate: Java's TLS stack could not complete a handshake (" + ex.getMessage()
                            + "); it refuses SSLv3, TLS 1.0 and 1.1 and the weakest suites");
                }
            }
            List<Finding> findings = TlsJudge.findings(protocols, cert);
            return new TlsScanResult(target, address.getHostAddress(), e.port(), List.copyOf(protocols), cert,
                    findings, List.copyOf(notChecked), (System.nanoTime() - start) / 1_000_000);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The suites accepted with {@code version}: offer all, drop the one chosen, until the server refuses. */
    private List<TlsCipherSuites.Suite> accepted(InetSocketAddress to, int version, String sni) throws IOException {
        List<Integer> offer = new ArrayList<>(TlsCipherSuites.ids(version == TlsWire.TLS13));
        List<TlsCipherSuites.Suite> accepted = new ArrayList<>();
        Set<Integer> seen = new LinkedHashSet<>();
        while (!offer.isEmpty()) {
            TlsWire.Answer a = probe(to, version, offer, sni);
            if (!a.accepted() || a.version() != version || !seen.add(a.cipher())) {
                break;
            }
            accepted.add(TlsCipherSuites.byId(a.cipher()));
            offer.remove(Integer.valueOf(a.cipher()));
        }
        return List.copyOf(accepted);
    }

    private static <T> T get(Future<T> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("TLS scan interrupted");
        } catch (ExecutionException ex) {
            if (ex.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(String.valueOf(ex.getCause().getMessage()), ex.getCause());
        }
    }

    private TlsWire.Answer probe(InetSocketAddress to, int version, List<Integer> ciphers, String sni) throws IOException {
        try (Socket s = new Socket()) {
            s.setTcpNoDelay(true);
            s.connect(to, TIMEOUT_MS);
            s.setSoTimeout(TIMEOUT_MS);
            s.getOutputStream().write(TlsWire.clientHello(version, ciphers, sni, random));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            return TlsWire.readAnswer(new java.io.BufferedInputStream(in));
        } catch (java.net.SocketTimeoutException ex) {
            throw new IOException("no answer from " + to.getAddress().getHostAddress() + " port " + to.getPort()
                    + " within " + TIMEOUT_MS / 1000 + " s to a " + TlsWire.versionName(version)
                    + " ClientHello: is a TLS server listening there?", ex);
        }
    }
}
