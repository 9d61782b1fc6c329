package org.clusterdeck.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.ByteProcessor;

/**
 * A minimal HTTP/1.1 response parser that skips bodies without copying them and allocates
 * nothing per response: status line, Content-Length or chunked body, {@code Connection: close}.
 * Much cheaper than Netty's HttpClientCodec, which creates several objects per response.
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
    private final boolean headRequest;
    private final ByteBuf partial = Unpooled.buffer(256, MAX_LINE);
    private State state = State.STATUS;
    private int status;
    private boolean closeAfter;
    private boolean chunked;
    private long contentLength;
    private long remaining;

    ResponseParser(boolean headRequest) {
        this.headRequest = headRequest;
    }

    /** Status of the response completed by the last {@link #feed} that returned true. */
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

    /** Whether bytes of an unfinished response were seen. */
    boolean midResponse() {
        return state != State.STATUS || partial.isReadable();
    }

    void reset() {
        state = State.STATUS;
        partial.clear();
    }

    /**
     * Consumes bytes of {@code in} up to the end of one response. Returns true when a response
     * completed (its status is {@link #status()}); bytes after it stay in {@code in}.
     */
    boolean feed(ByteBuf in) throws BadResponseException {
        while (in.isReadable()) {
            switch (state) {
                case BODY, CHUNK_DATA -> {
                    int n = (int) Math.min(remaining, in.readableBytes());
                    in.skipBytes(n);
                    remaining -= n;
                    if (remaining == 0) {
                        if (state == State.BODY) {
                            state = State.STATUS;
                            return true;
                        }
                        state = State.CHUNK_END;
                    }
                }
                case UNTIL_CLOSE -> in.skipBytes(in.readableBytes());
                default -> {
                    if (readLine(in) && onLine()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    // The current line, as [lineStart, lineEnd) of lineBuf (LF and CR removed).
    private ByteBuf lineBuf;
    private int lineStart;
    private int lineEnd;

    private boolean readLine(ByteBuf in) throws BadResponseException {
        int lf = in.forEachByte(ByteProcessor.FIND_LF);
        if (lf < 0) {
            if (partial.readableBytes() + in.readableBytes() > MAX_LINE) {
                throw new BadResponseException("response line longer than 64 KiB");
            }
            partial.writeBytes(in);
            return false;
        }
        if (partial.isReadable()) {
            if (partial.readableBytes() + lf - in.readerIndex() > MAX_LINE) {
                throw new BadResponseException("response line longer than 64 KiB");
            }
            partial.writeBytes(in, in.readerIndex(), lf - in.readerIndex());
            in.readerIndex(lf + 1);
            lineBuf = partial;
            lineStart = partial.readerIndex();
            lineEnd = partial.writerIndex();
        } else {
            lineBuf = in;
            lineStart = in.readerIndex();
            lineEnd = lf;
            in.readerIndex(lf + 1);
        }
        if (lineEnd > lineStart && lineBuf.getByte(lineEnd - 1) == '\r') {
            lineEnd--;
        }
        return true;
    }

    /** Handles the current line; true when it completed a response. */
    private boolean onLine() throws BadResponseException {
        try {
            return switch (state) {
                case STATUS -> statusLine();
                case HEADERS -> headerLine();
                case CHUNK_SIZE -> chunkSize();
                case CHUNK_END -> {
                    state = State.CHUNK_SIZE;
                    yield false;
                }
                case TRAILERS -> {
                    if (lineEnd == lineStart) {
                        state = State.STATUS;
                        yield true;
                    }
                    yield false;
                }
                default -> throw new IllegalStateException(state.name());
            };
        } finally {
            partial.clear();
        }
    }

    private boolean statusLine() throws BadResponseException {
        int len = lineEnd - lineStart;
        if (len == 0) {
            return false; // tolerate a stray empty line between responses
        }
        if (len < 12 || !startsWith("HTTP/1.") || lineBuf.getByte(lineStart + 8) != ' ') {
            throw new BadResponseException("not an HTTP/1.x status line");
        }
        int s = 0;
        for (int i = 9; i < 12; i++) {
            int d = lineBuf.getByte(lineStart + i) - '0';
            if (d < 0 || d > 9) {
                throw new BadResponseException("bad status code");
            }
            s = s * 10 + d;
        }
        status = s;
        closeAfter = lineBuf.getByte(lineStart + 7) == '0'; // HTTP/1.0 closes unless keep-alive is said
        chunked = false;
        contentLength = -1;
        state = State.HEADERS;
        return false;
    }

    private boolean headerLine() throws BadResponseException {
        if (lineEnd == lineStart) {
            return endOfHeaders();
        }
        byte first = (byte) (lineBuf.getByte(lineStart) | 0x20);
        if (first == 'c') {
            if (nameIs("content-length")) {
                contentLength = parseDecimal(valueStart());
            } else if (nameIs("connection")) {
                int v = valueStart();
                if (valueIs(v, "close")) {
                    closeAfter = true;
                } else if (valueIs(v, "keep-alive")) {
                    closeAfter = false;
                }
            }
        } else if (first == 't' && nameIs("transfer-encoding")) {
            chunked = containsChunked(valueStart());
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
            int c = lineBuf.getByte(i);
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

    private boolean startsWith(String s) {
        if (lineEnd - lineStart < s.length()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (lineBuf.getByte(lineStart + i) != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean nameIs(String lower) {
        int n = lower.length();
        if (lineEnd - lineStart <= n || lineBuf.getByte(lineStart + n) != ':') {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if ((lineBuf.getByte(lineStart + i) | 0x20) != lower.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private int valueStart() {
        int i = lineBuf.indexOf(lineStart, lineEnd, (byte) ':') + 1;
        while (i < lineEnd && (lineBuf.getByte(i) == ' ' || lineBuf.getByte(i) == '\t')) {
            i++;
        }
        return i;
    }

    private boolean valueIs(int from, String lower) {
        int end = lineEnd;
        while (end > from && (lineBuf.getByte(end - 1) == ' ' || lineBuf.getByte(end - 1) == '\t')) {
            end--;
        }
        if (end - from != lower.length()) {
            return false;
        }
        for (int i = 0; i < lower.length(); i++) {
            if ((lineBuf.getByte(from + i) | 0x20) != lower.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean containsChunked(int from) {
        String v = lineBuf.toString(from, lineEnd - from, java.nio.charset.StandardCharsets.US_ASCII);
        return v.toLowerCase(java.util.Locale.ROOT).contains("chunked");
    }

    private long parseDecimal(int from) throws BadResponseException {
        long v = 0;
        int digits = 0;
        for (int i = from; i < lineEnd; i++) {
            int c = lineBuf.getByte(i);
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
