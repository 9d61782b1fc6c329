package org.clusterdeck.scan;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.BufferUnderflowException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The unencrypted start of an SSH connection, written and read by hand (RFC 4253): the
 * identification line (§4.2), binary packets without encryption or MAC (§6) and the KEXINIT
 * message (§7.1). Enough to learn what a server offers without finishing a key exchange.
 */
final class SshWire {
    static final int MSG_DISCONNECT = 1;
    static final int MSG_IGNORE = 2;
    static final int MSG_DEBUG = 4;
    static final int MSG_KEXINIT = 20;
    /** RFC 4253 §6.1: implementations must accept packets of 35,000 bytes; more is not a KEXINIT we want. */
    private static final int MAX_PACKET = 35_000;
    /** §4.2: lines before the identification are allowed; a bound keeps a chatty service from holding us. */
    private static final int MAX_PRE_LINES = 50;
    private static final int MAX_LINE = 1024;

    /** What the server offers in its KEXINIT, each name-list in the server's order of preference. */
    record KexInit(List<String> kex, List<String> hostKeys, List<String> ciphersClientToServer,
            List<String> ciphersServerToClient, List<String> macsClientToServer, List<String> macsServerToClient,
            List<String> compressionClientToServer, List<String> compressionServerToClient) {
    }

    private SshWire() {
    }

    /** Reads lines until the one that starts with "SSH-" and returns it without CR LF. */
    static String readIdentification(InputStream in) throws IOException {
        for (int i = 0; i < MAX_PRE_LINES; i++) {
            String line = readLine(in);
            if (line.startsWith("SSH-")) {
                return line;
            }
        }
        throw new IOException("no SSH identification line among the first " + MAX_PRE_LINES + " lines: not an SSH server");
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException(b.size() == 0 ? "the server closed the connection without a word"
                        : "the server closed the connection in the middle of a line");
            }
            if (c == '\n') {
                break;
            }
            if (b.size() >= MAX_LINE) {
                throw new IOException("a line longer than " + MAX_LINE + " bytes before the identification: not an SSH server");
            }
            b.write(c);
        }
        String s = b.toString(StandardCharsets.UTF_8);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    /** Our KEXINIT in a binary packet: a broad offer, so that any server answers with its own. */
    static byte[] kexInitPacket(SecureRandom random) throws IOException {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        DataOutputStream p = new DataOutputStream(payload);
        p.writeByte(MSG_KEXINIT);
        byte[] cookie = new byte[16];
        random.nextBytes(cookie);
        p.write(cookie);
        nameList(p, "curve25519-sha256,curve25519-sha256@libssh.org,ecdh-sha2-nistp256,diffie-hellman-group16-sha512,"
                + "diffie-hellman-group14-sha256,diffie-hellman-group14-sha1");
        nameList(p, "ssh-ed25519,rsa-sha2-512,rsa-sha2-256,ecdsa-sha2-nistp256,ssh-rsa");
        String ciphers = "chacha20-poly1305@openssh.com,aes256-gcm@openssh.com,aes128-gcm@openssh.com,aes256-ctr,aes128-ctr,aes128-cbc";
        nameList(p, ciphers);
        nameList(p, ciphers);
        String macs = "hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com,hmac-sha2-256,hmac-sha2-512,hmac-sha1";
        nameList(p, macs);
        nameList(p, macs);
        nameList(p, "none,zlib@openssh.com");
        nameList(p, "none,zlib@openssh.com");
        nameList(p, "");
        nameList(p, "");
        p.writeBoolean(false); // first_kex_packet_follows
        p.writeInt(0); // reserved
        return packet(payload.toByteArray(), random);
    }

    /** SSH_MSG_DISCONNECT "by application": we leave before the key exchange, politely. */
    static byte[] disconnectPacket(SecureRandom random) throws IOException {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        DataOutputStream p = new DataOutputStream(payload);
        p.writeByte(MSG_DISCONNECT);
        p.writeInt(11); // SSH_DISCONNECT_BY_APPLICATION
        byte[] text = "algorithm scan done".getBytes(StandardCharsets.US_ASCII);
        p.writeInt(text.length);
        p.write(text);
        p.writeInt(0); // language tag
        return packet(payload.toByteArray(), random);
    }

    /** §6: uint32 packet_length, byte padding_length, payload, random padding; total a multiple of 8, padding ≥ 4. */
    static byte[] packet(byte[] payload, SecureRandom random) throws IOException {
        int padding = 8 - ((4 + 1 + payload.length) % 8);
        if (padding < 4) {
            padding += 8;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt(1 + payload.length + padding);
        d.writeByte(padding);
        d.write(payload);
        byte[] pad = new byte[padding];
        random.nextBytes(pad);
        d.write(pad);
        return out.toByteArray();
    }

    private static void nameList(DataOutputStream p, String names) throws IOException {
        byte[] b = names.getBytes(StandardCharsets.US_ASCII);
        p.writeInt(b.length);
        p.write(b);
    }

    /** Reads one unencrypted binary packet and returns its payload. */
    static byte[] readPacket(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 5 || length > MAX_PACKET) {
            throw new IOException("a packet length of " + Integer.toUnsignedString(length)
                    + " bytes is not an SSH packet (5 to " + MAX_PACKET + ")");
        }
        int padding = in.readUnsignedByte();
        if (padding < 4 || padding > length - 2) {
            throw new IOException("a padding length of " + padding + " in a packet of " + length + " bytes is not valid SSH");
        }
        byte[] payload = new byte[length - 1 - padding];
        in.readFully(payload);
        in.skipNBytes(padding);
        return payload;
    }

    /** Parses a KEXINIT payload (§7.1); a malformed one is an IOException saying so. */
    static KexInit parseKexInit(byte[] payload) throws IOException {
        try {
            ByteBuffer b = ByteBuffer.wrap(payload);
            if (b.get() != MSG_KEXINIT) {
                throw new IOException("expected KEXINIT (20), got message " + (payload[0] & 0xff));
            }
            b.position(b.position() + 16); // cookie
            List<List<String>> lists = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                lists.add(readNameList(b));
            }
            return new KexInit(lists.get(0), lists.get(1), lists.get(2), lists.get(3), lists.get(4), lists.get(5),
                    lists.get(6), lists.get(7));
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new IOException("the server's KEXINIT is cut short or malformed", e);
        }
    }

    private static List<String> readNameList(ByteBuffer b) throws IOException {
        int n = b.getInt();
        if (n < 0 || n > b.remaining()) {
            throw new IOException("a name-list of " + Integer.toUnsignedString(n) + " bytes in a KEXINIT of " + b.limit());
        }
        byte[] s = new byte[n];
        b.get(s);
        if (n == 0) {
            return List.of();
        }
        // names are US-ASCII (§6); anything else is kept as received and shown escaped
        return List.copyOf(Arrays.asList(new String(s, StandardCharsets.ISO_8859_1).split(",", -1)));
    }
}
