package org.clusterdeck.scan;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.clusterdeck.net.TargetPolicy;

/**
 * Grades what an SSH server offers: connects, reads its identification, sends our own KEXINIT,
 * reads the server's and grades each algorithm ({@link SshPolicy}); then disconnects without
 * finishing the key exchange, so no credentials are needed and nothing is logged in.
 *
 * <p>Not checked: whether password authentication or root login is offered. The server lists the
 * methods it accepts only in answer to an authentication request, which is sent encrypted after a
 * completed key exchange; this scanner stops before that. The host audit (over SSH, with
 * {@code sshd -T}) reports them.
 */
public final class SshScanner {
    public static final int DEFAULT_PORT = 22;
    static final int TIMEOUT_MS = 5000;
    static final String NOT_CHECKED_AUTH = "password authentication and root login: the server names the methods it "
            + "accepts only after a completed key exchange, which this scan does not make; the host audit reads them "
            + "with 'sshd -T'";
    private static final String STRICT_KEX = "kex-strict-s-v00@openssh.com";

    private final TargetPolicy policy;
    private final SecureRandom random = new SecureRandom();

    public SshScanner(TargetPolicy policy) {
        this.policy = policy;
    }

    /** A host and port from "HOST", "HOST:PORT", "[IPv6]:PORT" or a bare IPv6 address. */
    public record Endpoint(String host, int port) {
        public static Endpoint parse(String s, int defaultPort) {
            String t = s == null ? "" : s.strip();
            String host = t;
            String port = null;
            if (t.startsWith("[")) {
                int end = t.indexOf(']');
                if (end < 0) {
                    throw new IllegalArgumentException("'" + org.clusterdeck.text.TerminalText.line(t)
                            + "' opens '[' without ']'; write [::1]:22");
                }
                host = t.substring(1, end);
                String rest = t.substring(end + 1);
                if (!rest.isEmpty()) {
                    if (!rest.startsWith(":")) {
                        throw new IllegalArgumentException("'" + org.clusterdeck.text.TerminalText.line(t)
                                + "': after ']' only ':PORT' may follow");
                    }
                    port = rest.substring(1);
                }
            } else if (t.indexOf(':') >= 0 && t.indexOf(':') == t.lastIndexOf(':')) {
                host = t.substring(0, t.indexOf(':'));
                port = t.substring(t.indexOf(':') + 1);
            }
            int p = defaultPort;
            if (port != null) {
                if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                    throw new IllegalArgumentException("'" + org.clusterdeck.text.TerminalText.line(port)
                            + "' is not a port; ports are 1 to 65535, e.g. HOST:22");
                }
                p = Integer.parseInt(port);
            }
            return new Endpoint(host, p);
        }
    }

    /** Scans "HOST[:PORT]" (port 22 when none is given); the target policy decides first. */
    public SshScanResult scan(String target) throws IOException {
        Endpoint e = Endpoint.parse(target, DEFAULT_PORT);
        InetAddress address = policy.resolve(e.host());
        long start = System.nanoTime();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, e.port()), TIMEOUT_MS);
            s.setSoTimeout(TIMEOUT_MS);
            InputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            out.write(("SSH-2.0-ClusterDeck_scan\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String banner = SshWire.readIdentification(in);
            String[] id = identification(banner);
            if (!id[0].equals("2.0") && !id[0].equals("1.99")) {
                return result(target, address, e.port(), banner, id, null, start);
            }
            out.write(SshWire.kexInitPacket(random));
            out.flush();
            SshWire.KexInit kex = readKexInit(new DataInputStream(in));
            try {
                out.write(SshWire.disconnectPacket(random));
                out.flush();
            } catch (IOException ignored) {
                // the server may have closed already; we have what we came for
            }
            return result(target, address, e.port(), banner, id, kex, start);
        } catch (java.net.SocketTimeoutException ex) {
            throw new IOException("No answer from " + e.host() + " port " + e.port() + " within " + TIMEOUT_MS / 1000
                    + " s: is an SSH server listening there?", ex);
        }
    }

    private static SshWire.KexInit readKexInit(DataInputStream in) throws IOException {
        for (int i = 0; i < 20; i++) {
            byte[] payload = SshWire.readPacket(in);
            int type = payload.length == 0 ? -1 : payload[0] & 0xff;
            if (type == SshWire.MSG_KEXINIT) {
                return SshWire.parseKexInit(payload);
            }
            if (type == SshWire.MSG_DISCONNECT) {
                throw new IOException("the server disconnected before its KEXINIT");
            }
            if (type != SshWire.MSG_IGNORE && type != SshWire.MSG_DEBUG) {
                throw new IOException("the server sent message " + type + " where its KEXINIT belongs");
            }
        }
        throw new IOException("no KEXINIT among the server's first 20 packets");
    }

    /** "SSH-2.0-OpenSSH_9.2p1 Debian-2" → {"2.0", "OpenSSH_9.2p1"} (RFC 4253 §4.2). */
    static String[] identification(String line) {
        String rest = line.substring(4);
        int dash = rest.indexOf('-');
        String proto = dash < 0 ? rest : rest.substring(0, dash);
        String software = dash < 0 ? "" : rest.substring(dash + 1);
        int space = software.indexOf(' ');
        return new String[] {proto, space < 0 ? software : software.substring(0, space)};
    }

    private static SshScanResult result(String target, InetAddress address, int port, String banner, String[] id,
            SshWire.KexInit k, long start) {
        List<Finding> findings = new ArrayList<>();
        if (!id[0].equals("2.0")) {
            findings.add(new Finding("ssh-protocol-1", 7.4, "SSH protocol 1 offered (" + id[0] + ")", banner,
                    "SSH-1 has design flaws (CRC-32 integrity, session hijacking) and no maintained implementation.",
                    "Allow protocol 2 only; OpenSSH 7.6 and later no longer speak SSH-1 at all: upgrade the server."));
        }
        if (k == null) {
            return new SshScanResult(target, address.getHostAddress(), port, banner, id[0], id[1], List.of(), List.of(),
                    List.of(), List.of(), List.of(), findings, List.of(NOT_CHECKED_AUTH), elapsed(start));
        }
        List<SshScanResult.Algorithm> kex = graded(SshPolicy.Kind.KEX, k.kex(), findings);
        List<SshScanResult.Algorithm> hostKeys = graded(SshPolicy.Kind.HOST_KEY, k.hostKeys(), findings);
        List<SshScanResult.Algorithm> ciphers = graded(SshPolicy.Kind.CIPHER,
                union(k.ciphersServerToClient(), k.ciphersClientToServer()), findings);
        List<SshScanResult.Algorithm> macs = graded(SshPolicy.Kind.MAC,
                union(k.macsServerToClient(), k.macsClientToServer()), findings);
        terrapin(k, findings);
        return new SshScanResult(target, address.getHostAddress(), port, banner, id[0], id[1], kex, hostKeys, ciphers,
                macs, union(k.compressionServerToClient(), k.compressionClientToServer()), findings,
                List.of(NOT_CHECKED_AUTH), elapsed(start));
    }

    /** The server-to-client list (the one ssh-audit reports) with any name only offered client-to-server after it. */
    private static List<String> union(List<String> s2c, List<String> c2s) {
        LinkedHashSet<String> all = new LinkedHashSet<>(s2c);
        all.addAll(c2s);
        return List.copyOf(all);
    }

    private static List<SshScanResult.Algorithm> graded(SshPolicy.Kind kind, List<String> names, List<Finding> findings) {
        List<SshScanResult.Algorithm> out = new ArrayList<>();
        for (String name : names) {
            SshPolicy.Grade g = SshPolicy.grade(kind, name);
            out.add(new SshScanResult.Algorithm(name, g.level(), g.why()));
            if (g.level() == SshPolicy.Level.FAIL || g.level() == SshPolicy.Level.WARN) {
                boolean fail = g.level() == SshPolicy.Level.FAIL;
                String id = "ssh-" + kind.name().toLowerCase(Locale.ROOT).replace('_', '-') + "-" + name;
                findings.add(new Finding(id, fail ? 5.3 : 3.1,
                        (fail ? "Weak " : "Not recommended ") + kind.title + " offered: " + name,
                        "the server's KEXINIT lists " + name + " among its " + kind.title + " algorithms: "
                                + String.join(",", names),
                        Character.toUpperCase(g.why().charAt(0)) + g.why().substring(1) + ".",
                        "Remove " + name + " from " + kind.keyword + " in /etc/ssh/sshd_config ('" + kind.keyword + " -"
                                + name + "' removes it from OpenSSH's defaults), check with 'sshd -t', reload sshd. "
                                + "Clients that know nothing newer stop connecting."));
            }
        }
        return out;
    }

    /** CVE-2023-48795: ChaCha20-Poly1305, or CBC with an -etm MAC, without strict key exchange. */
    private static void terrapin(SshWire.KexInit k, List<Finding> findings) {
        List<String> ciphers = union(k.ciphersServerToClient(), k.ciphersClientToServer());
        List<String> macs = union(k.macsServerToClient(), k.macsClientToServer());
        boolean chacha = ciphers.contains("chacha20-poly1305@openssh.com");
        boolean cbcEtm = ciphers.stream().anyMatch(c -> c.endsWith("-cbc")) && macs.stream().anyMatch(m -> m.contains("-etm@"));
        if ((chacha || cbcEtm) && !k.kex().contains(STRICT_KEX)) {
            findings.add(new Finding("ssh-terrapin", 5.9, "Open to the Terrapin prefix-truncation attack (CVE-2023-48795)",
                    "offers " + (chacha ? "chacha20-poly1305@openssh.com" : "a CBC cipher with an -etm MAC")
                            + " and its key exchange list lacks " + STRICT_KEX,
                    "A machine in the middle can delete the first messages after the key exchange unnoticed, "
                            + "e.g. to turn off keystroke-timing protection.",
                    "Update OpenSSH (9.6, or a distribution update with the strict key exchange backported), or remove "
                            + "chacha20-poly1305@openssh.com and the -etm MACs paired with CBC ciphers."));
        }
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
