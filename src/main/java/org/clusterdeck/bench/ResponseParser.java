package org.clusterdeck.bench;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * A minimal HTTP/1.1 response parser that allocates nothing per response: status line,
 * Content-Length or chunked body, {@code Connection: close}. It reads plain byte arrays (the
 * caller copies a read's few hundred header bytes once) and skips bodies by counting. Much
 * cheaper than Netty's HttpClientCodec, which creates several objects per response.
 */
final class ResponseParser {
    /** The answer is not HTTP we understand; the connection is dropped and a read error counted. */
    static final class BadResponseException extends Exception {
        BadResponseException(String message) {
            super(message, null, false, false);
        }
    }

    private enum State { STATUS, HEADERS, BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS, UNTIL_CLOSE }

    private static final int MAX_LINE = 64 * 1024;
    // lower-case ASCII constants as bytes: compared against (byte | 0x20), no String.charAt in the hot path
    private static final byte[] CONTENT_LENGTH = ascii("content-length");
    private static final byte[] CONNECTION = ascii("connection");
    private static final byte[] TRANSFER_ENCODING = ascii("transfer-encoding");
    private static final byte[] CLOSE = ascii("close");
    private static final byte[] KEEP_ALIVE = ascii("keep-alive");
    private static final byte[] HTTP_1 = ascii("HTTP/1.");
    private final boolean headRequest;
    private byte[] partial = new byte[256];
    private int partialLength;
    private State state = State.STATUS;
    private int status;
    private boolean closeAfter;
    private boolean chunked;
    private long contentLength;
    private long remaining;
    // the current line: line[lineStart, lineEnd), CR and LF removed
    private byte[] line;
    private int lineStart;
    private int lineEnd;

    ResponseParser(boolean headRequest) {
        this.headRequest = headRequest;
    }

    /** Status of the response completed by the last {@link #feed} that reported one. */
    int status() {
        return status;
    }

    /** Whether the server will close after the response just completed. */
    boolean closeAfter() {
        return closeAfter;
    }

    /** A response whose end is the connection's end; complete when the peer closes. */
    boolean readsUntilClose() {
        return state == State.UNTIL_CLOSE;
    }

    /** Bytes of body still to skip (they need not be copied to be skipped); 0 when parsing lines. */
    long bodyBytesLeft() {
        return state == State.BODY || state == State.CHUNK_DATA ? remaining : state == State.UNTIL_CLOSE ? Long.MAX_VALUE : 0;
    }

    /** Skips {@code n <= bodyBytesLeft()} body bytes; true when that completed a response. */
    boolean skipBody(long n) {
        if (state == State.UNTIL_CLOSE) {
            return false;
        }
        remaining -= n;
        if (remaining > 0) {
            return false;
        }
        if (state == State.BODY) {
            state = State.STATUS;
            return true;
        }
        state = State.CHUNK_END;
        return false;
    }

    void reset() {
        state = State.STATUS;
        partialLength = 0;
    }

    /**
     * Consumes bytes of {@code a[from, to)} up to the end of one response. Returns how many bytes
     * were used, negated minus one when a response completed ({@code -(used + 1)}).
     */
    int feed(byte[] a, int from, int to) throws BadResponseException {
        int i = from;
        while (i < to) {
            if (state == State.BODY || state == State.CHUNK_DATA || state == State.UNTIL_CLOSE) {
                int n = (int) Math.min(bodyBytesLeft(), to - i);
                i += n;
                if (skipBody(n)) {
                    return -(i - from) - 1;
                }
                continue;
            }
            int lf = indexOfLf(a, i, to);
            if (lf < 0) {
                appendPartial(a, i, to);
                return to - from;
            }
            if (partialLength > 0) {
                appendPartial(a, i, lf);
                line = partial;
                lineStart = 0;
                lineEnd = partialLength;
            } else {
                line = a;
                lineStart = i;
                lineEnd = lf;
            }
            i = lf + 1;
            if (lineEnd > lineStart && line[lineEnd - 1] == '\r') {
                lineEnd--;
            }
            boolean done = onLine();
            partialLength = 0;
            if (done) {
                return -(i - from) - 1;
            }
        }
        return to - from;
    }

    private static int indexOfLf(byte[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            if (a[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void appendPartial(byte[] a, int from, int to) throws BadResponseException {
        int n = to - from;
        if (partialLength + n > MAX_LINE) {
            throw new BadResponseException("response line longer than 64 KiB");
        }
        if (partialLength + n > partial.length) {
            partial = Arrays.copyOf(partial, Math.max(partial.length * 2, partialLength + n));
        }
        System.arraycopy(a, from, partial, partialLength, n);
        partialLength += n;
    }

    /** Handles the current line; true when it completed a response. */
    private boolean onLine() throws BadResponseException {
        switch (state) {
            case STATUS:
                return statusLine();
            case HEADERS:
                return headerLine();
            case CHUNK_SIZE:
                return chunkSize();
            case CHUNK_END:
                state = State.CHUNK_SIZE;
                return false;
            case TRAILERS:
                if (lineEnd == lineStart) {
                    state = State.STATUS;
                    return true;
                }
                return false;
            default:
                throw new IllegalStateException(state.name());
        }
    }

    private boolean statusLine() throws BadResponseException {
        int len = lineEnd - lineStart;
        if (len == 0) {
            return false; // tolerate a stray empty line between responses
        }
        if (len < 12 || !startsWith(HTTP_1) || line[lineStart + 8] != ' ') {
            throw new BadResponseException("not an HTTP/1.x status line");
        }
        int s = 0;
        for (int i = 9; i < 12; i++) {
            int d = line[lineStart + i] - '0';
            if (d < 0 || d > 9) {
                throw new BadResponseException("bad status code");
            }
            s = s * 10 + d;
        }
        status = s;
        closeAfter = line[lineStart + 7] == '0'; // HTTP/1.0 closes unless keep-alive is said
        chunked = false;
        contentLength = -1;
        state = State.HEADERS;
        return false;
    }

    private boolean headerLine() throws BadResponseException {
        if (lineEnd == lineStart) {
            return endOfHeaders();
        }
        int first = line[lineStart] | 0x20;
        if (first == 'c') {
            if (nameIs(CONTENT_LENGTH)) {
                contentLength = parseDecimal(valueStart(CONTENT_LENGTH.length));
            } else if (nameIs(CONNECTION)) {
                int v = valueStart(CONNECTION.length);
                if (valueIs(v, CLOSE)) {
                    closeAfter = true;
                } else if (valueIs(v, KEEP_ALIVE)) {
                    closeAfter = false;
                }
            }
        } else if (first == 't' && nameIs(TRANSFER_ENCODING)) {
            int v = valueStart(TRANSFER_ENCODING.length);
            chunked = new String(line, v, lineEnd - v, StandardCharsets.US_ASCII)
                    .toLowerCase(Locale.ROOT).contains("chunked");
        }
        return false;
    }

    private boolean endOfHeaders() {
        if (status >= 100 && status < 200) {
            state = State.STATUS; // interim response (100 Continue): the real one follows
            return false;
        }
        if (headRequest || status == 204 || status == 304) {
            state = State.STATUS;
            return true;
        }
        if (chunked) {
            state = State.CHUNK_SIZE;
            return false;
        }
        if (contentLength >= 0) {
            if (contentLength == 0) {
                state = State.STATUS;
                return true;
            }
            remaining = contentLength;
            state = State.BODY;
            return false;
        }
        state = State.UNTIL_CLOSE;
        closeAfter = true;
        return false;
    }

    private boolean chunkSize() throws BadResponseException {
        long size = 0;
        int digits = 0;
        for (int i = lineStart; i < lineEnd; i++) {
            int c = line[i];
            int d = Character.digit(c, 16);
            if (d < 0) {
                if (c == ';' || c == ' ' || c == '\t') {
                    break;
                }
                throw new BadResponseException("bad chunk size");
            }
            if (++digits > 15) {
                throw new BadResponseException("chunk too large");
            }
            size = size * 16 + d;
        }
        if (digits == 0) {
            throw new BadResponseException("missing chunk size");
        }
        if (size == 0) {
            state = State.TRAILERS;
        } else {
            remaining = size;
            state = State.CHUNK_DATA;
        }
        return false;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private boolean startsWith(byte[] s) {
        if (lineEnd - lineStart < s.length) {
            return false;
        }
        for (int i = 0; i < s.length; i++) {
            if (line[lineStart + i] != s[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether the line is "{@code lower}:..." in any letter case; the colon is checked first, as it rules most out. */
    private boolean nameIs(byte[] lower) {
        int n = lower.length;
        if (lineEnd - lineStart <= n || line[lineStart + n] != ':') {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if ((line[lineStart + i] | 0x20) != lower[i]) {
                return false;
            }
        }
        return true;
    }

    private int valueStart(int nameLength) {
        int i = lineStart + nameLength + 1;
        while (i < lineEnd && (line[i] == ' ' || line[i] == '\t')) {
            i++;
        }
        return i;
    }

    private boolean valueIs(int from, byte[] lower) {
        int end = lineEnd;
        while (end > from && (line[end - 1] == ' ' || line[end - 1] == '\t')) {
            end--;
        }
        if (end - from != lower.length) {
            return false;
        }
        for (int i = 0; i < lower.length; i++) {
            if ((line[from + i] | 0x20) != lower[i]) {
                return false;
            }
        }
        return true;
    }

    private long parseDecimal(int from) throws BadResponseException {
        long v = 0;
        int digits = 0;
        for (int i = from; i < lineEnd; i++) {
            int c = line[i];
            if (c == ' ' || c == '\t') {
                break;
            }
            int d = c - '0';
            if (d < 0 || d > 9 || ++digits > 18) {
                throw new BadResponseException("bad Content-Length");
            }
            v = v * 10 + d;
        }
        if (digits == 0) {
            throw new BadResponseException("empty Content-Length");
        }
        return v;
    }
}
