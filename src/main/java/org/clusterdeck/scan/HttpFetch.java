package org.clusterdeck.scan;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * One HTTP/1.1 GET over a socket to an address the target policy gave, with the URL's host in
 * the Host header; headers kept exactly as received (control characters included, shown escaped
 * by the caller). Over HTTPS any certificate is accepted: the header check is not the place to
 * judge it (the TLS scan does), and a self-signed lab certificate must not hide the headers.
 */
public final class HttpFetch {
    static final int TIMEOUT_MS = 5000;
    private static final int MAX_HEAD = 64 * 1024;
    private static final int MAX_BODY = 64 * 1024;

    /** A response header as received. */
    public record Header(String name, String value) {
    }

    record Response(int status, List<Header> headers, String body) {
        /** The first value of header {@code name} (case-insensitive). */
        Optional<String> header(String name) {
            return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).findFirst();
        }
    }

    private HttpFetch() {
    }

    static Response get(InetAddress address, int port, boolean tls, String hostHeader, String path) throws IOException {
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(address, port), TIMEOUT_MS);
            plain.setSoTimeout(TIMEOUT_MS);
            Socket s = tls ? wrap(plain, hostHeader, port) : plain;
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nUser-Agent: ClusterDeck-scan\r\n"
                    + "Accept: */*\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return read(s.getInputStream());
        }
    }

    private static Socket wrap(Socket plain, String host, int port) throws IOException {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new AnyCertificate()}, new SecureRandom());
            // the Host header's "name:port" is no server name: without the port SNI names the virtual host
            String name = host.startsWith("[") ? host : host.replaceFirst(":[0-9]+$", "");
            SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(plain, name, port, true);
            s.startHandshake();
            return s;
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private static Response read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("the server closed the connection before the end of its headers");
            }
            head.write(c);
            state = (c == '\r' && (state == 0 || state == 2)) || (c == '\n' && (state == 1 || state == 3))
                    ? state + 1 : (c == '\r' ? 1 : 0);
            if (head.size() > MAX_HEAD) {
                throw new IOException("response headers longer than " + MAX_HEAD + " bytes");
            }
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        String[] status = lines[0].split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("HTTP/") || !status[1].matches("[0-9]{3}")) {
            throw new IOException("not an HTTP response: " + org.clusterdeck.text.TerminalText.line(lines[0]));
        }
        List<Header> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.add(new Header(lines[i].substring(0, colon).strip(), lines[i].substring(colon + 1).strip()));
            }
        }
        byte[] body = in.readNBytes(MAX_BODY);
        String charset = headers.stream().filter(h -> h.name().equalsIgnoreCase("Content-Type"))
                .map(h -> h.value().toLowerCase(Locale.ROOT)).anyMatch(v -> v.contains("utf-8")) ? "UTF-8" : "ISO-8859-1";
        return new Response(Integer.parseInt(status[1]), List.copyOf(headers), new String(body, java.nio.charset.Charset.forName(charset)));
    }

    /** Accepts every certificate: see the class comment (the TLS scan judges certificates). */
    private static final class AnyCertificate implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // not a server
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // deliberately accepted; see the class comment
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
