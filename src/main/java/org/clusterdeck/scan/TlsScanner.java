package org.clusterdeck.scan;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
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
 * until the server refuses. Key exchange groups are found the same way (TLS 1.3: the group a
 * HelloRetryRequest names; TLS 1.2: the curve of the ECDHE ServerKeyExchange). The certificate and
 * a stapled OCSP response are read from the clear-text first flight of a TLS 1.2 (or older)
 * handshake that asks for stapling; HSTS from an HTTPS GET of / over Java's TLS stack (which also
 * reads the certificate of a TLS 1.3-only server). The probes run in parallel, one thread each.
 * Judged against Mozilla's server-side TLS guidelines {@value TlsCipherSuites#MOZILLA_VERSION},
 * intermediate profile ({@link TlsJudge}).
 */
public final class TlsScanner {
    public static final int DEFAULT_PORT = 443;
    static final int TIMEOUT_MS = 5000;
    private static final int[] VERSIONS = {TlsWire.SSL3, TlsWire.TLS10, TlsWire.TLS11, TlsWire.TLS12, TlsWire.TLS13};
    private static final int[] CLEAR_FLIGHT = {TlsWire.TLS12, TlsWire.TLS11, TlsWire.TLS10, TlsWire.SSL3};
    private static final String CHAIN_NOT_CHECKED = "whether the chain leads to a trusted root (only self-signed leaves are reported)";

    private final TargetPolicy policy;
    private final SecureRandom random = new SecureRandom();

    public TlsScanner(TargetPolicy policy) {
        this.policy = policy;
    }

    /** What a first flight in the clear said, and with which version. */
    private record Flight(int version, TlsWire.Answer answer) {
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
        // one thread per probe sequence: each waits on round trips, not on the CPU
        ExecutorService pool = Executors.newFixedThreadPool(VERSIONS.length + 5);
        try {
            String hostHeader = (address instanceof Inet6Address && sni == null ? "[" + e.host() + "]" : e.host())
                    + (e.port() == DEFAULT_PORT ? "" : ":" + e.port());
            Future<HttpFetch.Response> https = pool.submit(() -> HttpFetch.get(address, e.port(), true, hostHeader, "/"));
            Future<Flight> flight = pool.submit(() -> clearFlight(to, TlsCipherSuites.ids(false), true, sni));
            Future<Flight> dhe = pool.submit(() -> clearFlight(to, ids(s -> s.name().startsWith("DHE-")
                    || s.name().startsWith("EDH-")), false, sni));
            Future<List<TlsGroups.Group>> groups13 = pool.submit(() -> groups(to, TlsWire.TLS13, sni));
            Future<List<TlsGroups.Group>> groups12 = pool.submit(() -> groups(to, TlsWire.TLS12, sni));
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
            List<TlsScanResult.GroupSet> groups = new ArrayList<>();
            addGroups(groups, "TLSv1.3", get(groups13));
            addGroups(groups, "TLSv1.2", get(groups12));
            List<String> notChecked = new ArrayList<>();
            Flight clear = get(flight);
            X509Certificate[] chain = null;
            if (clear != null && !clear.answer().certificates().isEmpty()) {
                chain = TlsCertificates.parse(clear.answer().certificates());
            } else if (!protocols.isEmpty()) {
                try {
                    chain = TlsCertificates.read(to, sni, TIMEOUT_MS);
                } catch (IOException ex) {
                    notChecked.add("the certificate and OCSP: Java's TLS stack could not complete a handshake ("
                            + ex.getMessage() + ")");
                }
            }
            TlsScanResult.Certificate cert = chain == null ? null : TlsCertificates.summary(chain, e.host(), java.time.Instant.now());
            TlsScanResult.Ocsp ocsp = chain == null ? null : ocsp(chain[0], clear, protocols, notChecked);
            TlsScanResult.Hsts hsts = hsts(https, protocols, notChecked);
            Flight dh = get(dhe);
            int dhBits = dh == null ? 0 : dh.answer().dhBits();
            notChecked.add(CHAIN_NOT_CHECKED);
            List<Finding> findings = TlsJudge.findings(protocols, groups, dhBits, cert, ocsp, hsts);
            return new TlsScanResult(target, address.getHostAddress(), e.port(), List.copyOf(protocols), List.copyOf(groups),
                    cert, ocsp, hsts, findings, List.copyOf(notChecked), (System.nanoTime() - start) / 1_000_000);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void addGroups(List<TlsScanResult.GroupSet> out, String protocol, List<TlsGroups.Group> groups) {
        if (!groups.isEmpty()) {
            out.add(new TlsScanResult.GroupSet(protocol, groups));
        }
    }

    private static TlsScanResult.Ocsp ocsp(X509Certificate leaf, Flight clear, List<TlsScanResult.Protocol> protocols,
            List<String> notChecked) {
        List<String> responders = TlsOcsp.responders(leaf);
        boolean tls13 = protocols.stream().anyMatch(p -> p.name().equals("TLSv1.3"));
        if (clear == null) {
            notChecked.add("OCSP stapling: the server accepts only TLS 1.3, where a stapled response travels encrypted"
                    + " and this scan does not complete the handshake");
            return new TlsScanResult.Ocsp(responders, false, null, null, null, null, null);
        }
        String version = TlsWire.versionName(clear.version());
        if (tls13 && !responders.isEmpty()) {
            notChecked.add("OCSP stapling in TLS 1.3 handshakes (the response travels encrypted there; checked with "
                    + version + ", which servers staple the same way)");
        }
        byte[] der = clear.answer().ocsp();
        if (der == null) {
            return new TlsScanResult.Ocsp(responders, false, version, null, null, null, null);
        }
        notChecked.add("the stapled OCSP response's signature (its content is reported as sent)");
        TlsOcsp.Staple s = TlsOcsp.staple(der, leaf.getSerialNumber());
        return new TlsScanResult.Ocsp(responders, true, version, s.responseStatus(), s.certStatus(), s.thisUpdate(),
                s.nextUpdate());
    }

    private static TlsScanResult.Hsts hsts(Future<HttpFetch.Response> https, List<TlsScanResult.Protocol> protocols,
            List<String> notChecked) {
        if (protocols.isEmpty()) {
            return null;
        }
        try {
            HttpFetch.Response r = get(https);
            String header = r.header("Strict-Transport-Security").orElse(null);
            return TlsJudge.hsts(r.status(), header);
        } catch (IOException ex) {
            notChecked.add("HSTS: an HTTPS GET of / failed (" + ex.getMessage() + "); Java's TLS stack refuses SSLv3, "
                    + "TLS 1.0 and 1.1 and the weakest suites");
            return null;
        }
    }

    /** The suite ids for SSLv3 to TLS 1.2 that match. */
    private static List<Integer> ids(java.util.function.Predicate<TlsCipherSuites.Suite> which) {
        return TlsCipherSuites.ids(false).stream().filter(id -> which.test(TlsCipherSuites.byId(id))).toList();
    }

    /** The first flight of the newest version up to TLS 1.2 that accepts one of {@code ciphers} (null: none does). */
    private Flight clearFlight(InetSocketAddress to, List<Integer> ciphers, boolean statusRequest, String sni) throws IOException {
        for (int version : CLEAR_FLIGHT) {
            TlsWire.Answer a = probe(to, TlsWire.clientHello(version, ciphers, TlsWire.GROUPS, true, statusRequest, sni,
                    random), version, true);
            if (a.accepted() && a.version() == version) {
                return new Flight(version, a);
            }
        }
        return null;
    }

    /**
     * The groups accepted with TLS 1.3 or 1.2: offer all, note the one the server names, offer the
     * rest until it refuses. TLS 1.3 hellos carry no key share, so the server names its pick in a
     * HelloRetryRequest; TLS 1.2 hellos offer only ECDHE suites and the curve comes in the ServerKeyExchange.
     */
    private List<TlsGroups.Group> groups(InetSocketAddress to, int version, String sni) throws IOException {
        boolean tls13 = version == TlsWire.TLS13;
        List<Integer> ciphers = tls13 ? TlsCipherSuites.ids(true) : ids(s -> s.name().startsWith("ECDHE-"));
        List<Integer> offer = new ArrayList<>(tls13 ? TlsWire.GROUPS : TlsGroups.curves());
        List<TlsGroups.Group> out = new ArrayList<>();
        Set<Integer> seen = new LinkedHashSet<>();
        while (!offer.isEmpty()) {
            TlsWire.Answer a = probe(to, TlsWire.clientHello(version, ciphers, offer, false, false, sni, random), version, !tls13);
            if (!a.accepted() || a.version() != version || a.group() == 0 || !offer.contains(a.group()) || !seen.add(a.group())) {
                break;
            }
            out.add(TlsGroups.byId(a.group()));
            offer.remove(Integer.valueOf(a.group()));
        }
        return List.copyOf(out);
    }

    /** The suites accepted with {@code version}: offer all, drop the one chosen, until the server refuses. */
    private List<TlsCipherSuites.Suite> accepted(InetSocketAddress to, int version, String sni) throws IOException {
        List<Integer> offer = new ArrayList<>(TlsCipherSuites.ids(version == TlsWire.TLS13));
        List<TlsCipherSuites.Suite> accepted = new ArrayList<>();
        Set<Integer> seen = new LinkedHashSet<>();
        while (!offer.isEmpty()) {
            TlsWire.Answer a = probe(to, TlsWire.clientHello(version, offer, sni, random), version, false);
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

    private TlsWire.Answer probe(InetSocketAddress to, byte[] hello, int version, boolean wholeFlight) throws IOException {
        try (Socket s = new Socket()) {
            s.setTcpNoDelay(true);
            s.connect(to, TIMEOUT_MS);
            s.setSoTimeout(TIMEOUT_MS);
            s.getOutputStream().write(hello);
            s.getOutputStream().flush();
            return TlsWire.readAnswer(new BufferedInputStream(s.getInputStream()), wholeFlight);
        } catch (java.net.SocketTimeoutException ex) {
            throw new IOException("no answer from " + to.getAddress().getHostAddress() + " port " + to.getPort()
                    + " within " + TIMEOUT_MS / 1000 + " s to a " + TlsWire.versionName(version)
                    + " ClientHello: is a TLS server listening there?", ex);
        }
    }
}
