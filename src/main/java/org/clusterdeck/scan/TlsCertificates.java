package org.clusterdeck.scan;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.clusterdeck.net.TargetPolicy;

/**
 * Reads the certificate chain a server presents (from the first flight in the clear, or with
 * Java's TLS stack and a trust manager that accepts anything, used only to read the chain), then
 * summarised here (expiry, host name, key, signature, self-signed); nothing is sent over the connection.
 */
final class TlsCertificates {

    private TlsCertificates() {
    }

    /** The chain a server sends to Java's TLS stack (for servers that speak TLS 1.3 only), leaf first. */
    static X509Certificate[] read(InetSocketAddress to, String sni, int timeoutMs) throws IOException {
        X509Certificate[] chain;
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new ReadOnly()}, null);
            try (Socket plain = new Socket()) {
                plain.connect(to, timeoutMs);
                plain.setSoTimeout(timeoutMs);
                try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(plain, sni == null ? to.getAddress()
                        .getHostAddress() : sni, to.getPort(), false)) {
                    SSLParameters p = s.getSSLParameters();
                    p.setServerNames(sni == null ? List.of() : List.of(new SNIHostName(sni)));
                    s.setSSLParameters(p);
                    s.startHandshake();
                    Certificate[] peer = s.getSession().getPeerCertificates();
                    chain = new X509Certificate[peer.length];
                    for (int i = 0; i < peer.length; i++) {
                        chain[i] = (X509Certificate) peer[i];
                    }
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IOException(e.getMessage(), e);
        }
        return chain;
    }

    /** DER certificates as sent in a TLS Certificate message, leaf first. */
    static X509Certificate[] parse(List<byte[]> der) throws IOException {
        try {
            java.security.cert.CertificateFactory f = java.security.cert.CertificateFactory.getInstance("X.509");
            X509Certificate[] out = new X509Certificate[der.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = (X509Certificate) f.generateCertificate(new java.io.ByteArrayInputStream(der.get(i)));
            }
            return out;
        } catch (java.security.cert.CertificateException e) {
            throw new IOException("the server sent a certificate that cannot be read: " + e.getMessage(), e);
        }
    }

    static TlsScanResult.Certificate summary(X509Certificate[] chain, String host, Instant now) {
        X509Certificate leaf = chain[0];
        List<String> sans = new ArrayList<>();
        List<String> dns = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        try {
            Collection<List<?>> alt = leaf.getSubjectAlternativeNames();
            if (alt != null) {
                for (List<?> a : alt) {
                    int type = (Integer) a.get(0);
                    String v = String.valueOf(a.get(1));
                    if (type == 2) {
                        dns.add(v);
                        sans.add("DNS:" + v);
                    } else if (type == 7) {
                        ips.add(v);
                        sans.add("IP:" + v);
                    }
                }
            }
        } catch (CertificateParsingException e) {
            sans.add("(unreadable: " + e.getMessage() + ")");
        }
        String subject = leaf.getSubjectX500Principal().getName();
        PublicKey key = leaf.getPublicKey();
        int bits = key instanceof RSAPublicKey r ? r.getModulus().bitLength()
                : key instanceof ECPublicKey ec ? ec.getParams().getOrder().bitLength()
                : key.getAlgorithm().equals("EdDSA") || key.getAlgorithm().equals("Ed25519") ? 256 : 0;
        List<String> chainSubjects = new ArrayList<>();
        for (X509Certificate c : chain) {
            chainSubjects.add(c.getSubjectX500Principal().getName());
        }
        return new TlsScanResult.Certificate(subject, leaf.getIssuerX500Principal().getName(), List.copyOf(sans),
                leaf.getNotBefore().toInstant().toString(), leaf.getNotAfter().toInstant().toString(),
                Duration.between(now, leaf.getNotAfter().toInstant()).toDays(), key.getAlgorithm(), bits,
                leaf.getSigAlgName(), selfSigned(leaf), matches(host, dns, ips, commonName(subject)),
                List.copyOf(chainSubjects));
    }

    private static boolean selfSigned(X509Certificate c) {
        if (!c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
            return false;
        }
        try {
            c.verify(c.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** RFC 6125: addresses against IP entries, names against DNS entries (one leftmost '*'); the CN only without SANs. */
    static boolean matches(String host, List<String> dns, List<String> ips, String cn) {
        InetAddress literal = TargetPolicy.literal(host);
        if (literal != null) {
            return ips.stream().map(TargetPolicy::literal).anyMatch(literal::equals);
        }
        List<String> names = dns.isEmpty() && ips.isEmpty() && cn != null ? List.of(cn) : dns;
        String h = host.toLowerCase(Locale.ROOT);
        for (String n : names) {
            String p = n.toLowerCase(Locale.ROOT);
            if (p.equals(h) || (p.startsWith("*.") && h.indexOf('.') > 0 && h.substring(h.indexOf('.')).equals(p.substring(1)))) {
                return true;
            }
        }
        return false;
    }

    private static String commonName(String rfc2253) {
        try {
            for (javax.naming.ldap.Rdn rdn : new javax.naming.ldap.LdapName(rfc2253).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return String.valueOf(rdn.getValue());
                }
            }
        } catch (javax.naming.InvalidNameException e) {
            return null;
        }
        return null;
    }

    /** Accepts every chain: the chain is only read here and judged by the scanner, never trusted. */
    private static final class ReadOnly implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
