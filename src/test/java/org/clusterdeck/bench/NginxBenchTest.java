package org.clusterdeck.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.clusterdeck.testing.RealParts;
import org.junit.jupiter.api.Test;

/** Against a real nginx: its keep-alive limit closes connections, the engine reconnects and loses nothing. */
class NginxBenchTest {

    @Test
    void nginxKeepAliveLimitIsCrossedWithoutErrors() throws Exception {
        boolean present = NginxTarget.nginxBinary() != null;
        RealParts.require(present, "NginxBenchTest: nginx is not installed (Debian package nginx-light)");
        try (NginxTarget nginx = new NginxTarget(100)) {
            BenchmarkSpec spec = BenchmarkSpec.of(nginx.url(), 8, 5000, null, 0, null, null, "GET", List.of(), null, false);
            BenchmarkResult r = LoadEngine.prepare(spec, LabRoutes.none()).run(LoadEngine.Listener.NONE);
            assertThat(r.status2xx()).isEqualTo(5000);
            assertThat(r.errors()).as(String.valueOf(r.lastError())).isZero();
            assertThat(r.bytesRead()).isGreaterThan(5000L * 612);

            BenchmarkSpec head = BenchmarkSpec.of(nginx.url(), 2, 300, null, 0, null, null, "HEAD", List.of(), null, false);
            BenchmarkResult h = LoadEngine.prepare(head, LabRoutes.none()).run(LoadEngine.Listener.NONE);
            assertThat(h.status2xx()).isEqualTo(300);
            assertThat(h.errors()).isZero();
        }
    }
}
