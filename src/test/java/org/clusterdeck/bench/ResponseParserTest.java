package org.clusterdeck.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseParserTest {
    private static final String TWO = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nServer: x\r\n\r\nhello"
            + "HTTP/1.1 404 Not Found\r\ntransfer-encoding: chunked\r\n\r\n3;ext=1\r\nabc\r\n2\r\nde\r\n0\r\nX-Trailer: y\r\n\r\n";

    /** Feeds {@code text} in pieces of {@code piece} bytes, as the connection does, and returns the completed statuses. */
    private static List<Integer> statuses(ResponseParser p, String text, int piece) throws Exception {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        List<Integer> out = new ArrayList<>();
        for (int start = 0; start < bytes.length; start += piece) {
            byte[] chunk = Arrays.copyOfRange(bytes, start, Math.min(bytes.length, start + piece));
            int i = 0;
            while (i < chunk.length) {
                long body = p.bodyBytesLeft();
                if (body > 0) {
                    int n = (int) Math.min(body, chunk.length - i);
                    i += n;
                    if (p.skipBody(n)) {
                        out.add(p.status());
                    }
                    continue;
                }
                int used = p.feed(chunk, i, chunk.length);
                if (used < 0) {
                    i += -used - 1;
                    out.add(p.status());
                } else {
                    i += used;
                }
            }
        }
        return out;
    }

    @Test
    void parsesContentLengthAndChunkedResponsesWhateverTheSplit() throws Exception {
        for (int piece : new int[] {1, 2, 3, 7, 16, 1000}) {
            assertThat(statuses(new ResponseParser(false), TWO, piece)).as("piece " + piece).containsExactly(200, 404);
        }
    }

    @Test
    void seesConnectionCloseAndHttp10() throws Exception {
        ResponseParser p = new ResponseParser(false);
        assertThat(statuses(p, "HTTP/1.1 200 OK\r\nCONNECTION: Close\r\nContent-Length: 0\r\n\r\n", 5)).containsExactly(200);
        assertThat(p.closeAfter()).isTrue();
        assertThat(statuses(p, "HTTP/1.0 200 OK\r\nContent-Length: 1\r\n\r\nx", 4)).containsExactly(200);
        assertThat(p.closeAfter()).isTrue();
        assertThat(statuses(p, "HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 1\r\n\r\nx", 4)).containsExactly(200);
        assertThat(p.closeAfter()).isFalse();
    }

    @Test
    void bodyWithoutLengthLastsUntilClose() throws Exception {
        ResponseParser p = new ResponseParser(false);
        assertThat(statuses(p, "HTTP/1.1 200 OK\r\n\r\nsome body", 3)).isEmpty();
        assertThat(p.readsUntilClose()).isTrue();
    }

    @Test
    void headAnd204AndInterimResponsesHaveNoBody() throws Exception {
        assertThat(statuses(new ResponseParser(true), "HTTP/1.1 200 OK\r\nContent-Length: 612\r\n\r\n", 10)).containsExactly(200);
        assertThat(statuses(new ResponseParser(false), "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n", 6))
                .containsExactly(204);
    }

    @Test
    void rejectsWhatIsNotHttp() {
        assertThatThrownBy(() -> statuses(new ResponseParser(false), "SSH-2.0-OpenSSH_9.2\r\n", 100))
                .isInstanceOf(ResponseParser.BadResponseException.class);
        assertThatThrownBy(() -> statuses(new ResponseParser(false), "HTTP/1.1 200 OK\r\nContent-Length: x1\r\n\r\n", 100))
                .isInstanceOf(ResponseParser.BadResponseException.class);
    }
}
