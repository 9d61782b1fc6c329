package org.clusterdeck.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.clusterdeck.testing.RealParts;
import org.junit.jupiter.api.Test;

class LoadEngineTest {

    static BenchmarkSpec spec(String url, int connections, long requests, Duration duration, double rate, Duration timeout) {
        return BenchmarkSpec.of(url, connections, requests, duration, rate, null, timeout, "GET", List.of(), null, false)
                .withThreads(2);
    }

    static BenchmarkResult run(BenchmarkSpec spec) {
        return LoadEngine.prepare(spec, LabRoutes.none()).run(LoadEngine.Listener.NONE);
    }

    @Test
    void closedLoopCountsEveryRequestAndStatusClassExactly() throws Exception {
        try (TestHttpServer server = new TestHttpServer(false)) {
            BenchmarkResult r = run(spec(server.url("/mixed"), 8, 400, null, 0, null));
            assertThat(r.requests()).isEqualTo(400);
            assertThat(r.status2xx()).isEqualTo(200);
            assertThat(r.status4xx()).isEqualTo(100);
            assertThat(r.status5xx()).isEqualTo(100);
            assertThat(r.errors()).isEqualTo(200);
            assertThat(r.connectErrors() + r.timeouts() + r.readErrors()).isZero();
            assertThat(server.served()).isEqualTo(400);
            assertThat(r.series().stream().mapToLong(SecondSample::requests).sum()).isEqualTo(400);
            assertThat(r.latency().p50()).isPositive();
            assertThat(r.bytesRead()).isPositive();
        }
    }

    @Test
    void chunkedBodiesAndServerClosesAreHandledWithoutErrors() throws Exception {
        try (TestHttpServer server = new TestHttpServer(false)) {
            BenchmarkResult chunked = run(spec(server.url("/chunked"), 4, 300, null, 0, null));
            assertThat(chunked.status2xx()).isEqualTo(300);
            assertThat(chunked.errors()).isZero();

            // like nginx after keepalive_requests: "Connection: close", then a transparent reconnect
            BenchmarkResult closing = run(spec(server.url("/close"), 4, 500, null, 0, null));
            assertThat(closing.status2xx()).isEqualTo(500);
            assertThat(closing.errors()).isZero();
        }
    }

    @Test
    void constantRateRevealsAStallThatClosedLoopHides() throws Exception {
        try (TestHttpServer server = new TestHttpServer(true)) {
            server.armStall(1000);
            BenchmarkResult closed = run(spec(server.url("/stall"), 2, 0, Duration.ofSeconds(4), 0, null));
            server.armStall(1000);
            BenchmarkResult paced = run(spec(server.url("/stall"), 20, 0, Duration.ofSeconds(4), 400, null));

            System.out.printf("stall: closed loop %d requests p99 %d us max %d us; constant rate %d requests p90 %d us p99 %d us%n",
                    closed.requests(), closed.latency().p99(), closed.latency().max(), paced.requests(),
                    paced.latency().p90(), paced.latency().p99());
            // closed loop: only the 2 requests in flight saw the stall; the percentiles look fine
            assertThat(closed.latency().max()).as("closed-loop max µs").isGreaterThanOrEqualTo(900_000);
            // relative, not a speed figure: the closed loop's p99 hides the stall the paced run shows
            assertThat(closed.latency().p99()).as("closed-loop p99 µs").isLessThan(paced.latency().p99() / 2);
            // constant rate: every request scheduled during the stall waited, measured from its intended time
            assertThat(paced.latency().p99()).as("constant-rate p99 µs").isGreaterThan(500_000);
            assertThat(paced.latency().p90()).as("constant-rate p90 µs").isGreaterThan(100_000);
            // the upper bound is the rate limiter's promise; the lower one only catches a run that stopped
            assertThat(paced.requestsPerSecond()).isBetween(50.0, 450.0);
        }
    }

    @Test
    void timeoutsAreCountedAsErrors() throws Exception {
        try (TestHttpServer server = new TestHttpServer(false)) {
            BenchmarkResult r = run(spec(server.url("/slow"), 2, 0, Duration.ofMillis(1500), 0, Duration.ofMillis(200)));
            assertThat(r.timeouts()).isGreaterThanOrEqualTo(4);
            assertThat(r.requests()).isZero();
            assertThat(r.errors()).isEqualTo(r.timeouts());
            assertThat(r.lastError()).contains("timeout");
        }
    }

    @Test
    void refusedPortFailsFastWithAClearMessage() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        BenchmarkSpec spec = spec("http://127.0.0.1:" + port + "/", 2, 10, null, 0, null);
        assertThatThrownBy(() -> run(spec)).isInstanceOf(BenchmarkException.class)
                .hasMessageContaining("Connection refused by 127.0.0.1:" + port);
    }

    @Test
    void refusedConnectionsDuringARunAreCountedAsConnectErrors() throws Exception {
        TestHttpServer server = new TestHttpServer(false);
        BenchmarkSpec spec = spec(server.url("/ok"), 4, 0, Duration.ofSeconds(3), 0, Duration.ofMillis(500));
        CompletableFuture<BenchmarkResult> running = CompletableFuture.supplyAsync(() -> run(spec));
        Thread.sleep(1000);
        server.close(); // the server goes away mid-run: reconnects are refused
        BenchmarkResult r = running.get(20, TimeUnit.SECONDS);
        assertThat(r.requests()).isPositive();
        assertThat(r.connectErrors()).isPositive();
        assertThat(r.errorsByKind().get(ErrorKind.CONNECT)).isEqualTo(r.connectErrors());
    }

    @Test
    void cancelledRunKeepsWhatItMeasured() throws Exception {
        try (TestHttpServer server = new TestHttpServer(false)) {
            LoadEngine engine = LoadEngine.prepare(spec(server.url("/ok"), 4, 0, Duration.ofSeconds(60), 0, null), LabRoutes.none());
            CompletableFuture<BenchmarkResult> running = CompletableFuture.supplyAsync(() -> engine.run(LoadEngine.Listener.NONE));
            Thread.sleep(2200);
            engine.cancel();
            BenchmarkResult r = running.get(10, TimeUnit.SECONDS);
            assertThat(r.cancelled()).isTrue();
            assertThat(r.requests()).isPositive();
            assertThat(r.elapsedMs()).isBetween(1500L, 10_000L);
            assertThat(r.series()).hasSizeGreaterThanOrEqualTo(2);
            assertThat(r.series().stream().mapToLong(SecondSample::requests).sum()).isEqualTo(r.requests());
        }
    }

    @Test
    void warmUpRequestsAreNotCounted() throws Exception {
        try (TestHttpServer server = new TestHttpServer(false)) {
            BenchmarkSpec spec = BenchmarkSpec.of(server.url("/ok"), 2, 100, null, 0, Duration.ofMillis(500), null, "GET",
                    List.of(), null, false);
            BenchmarkResult r = run(spec);
            assertThat(r.requests()).isEqualTo(100);
            assertThat(server.served()).isGreaterThan(100);
        }
    }

    @Test
    void refusesTargetsOutsideLoopbackAndUnknownHosts() {
        assertThatThrownBy(() -> TargetGuard.resolve("192.168.1.10", LabRoutes.none()))
                .isInstanceOf(BenchmarkException.class).hasMessageContaining("Refusing to send load to 192.168.1.10");
        assertThatThrownBy(() -> TargetGuard.resolve("no-such-host.invalid", LabRoutes.none()))
                .isInstanceOf(BenchmarkException.class).hasMessageContaining("Unknown host 'no-such-host.invalid'");
        assertThat(TargetGuard.resolve("127.0.0.2", LabRoutes.none()).isLoopbackAddress()).isTrue();
        assertThat(TargetGuard.resolve("::1", LabRoutes.none()).isLoopbackAddress()).isTrue();
    }

    @Test
    void labAddressesAreAllowedOnlyWhenTheirRouteStaysOnALabLink() throws Exception {
        java.net.InetAddress lab = java.net.InetAddress.getByName("10.213.0.11");
        LabRoutes ok = LabRoutes.verify(List.of(lab), java.util.Set.of("cdlab0"),
                a -> "10.213.0.11 dev cdlab0 src 10.213.0.1 uid 0\n    cache\n");
        assertThat(TargetGuard.resolve("10.213.0.11", ok)).isEqualTo(lab);
        assertThatThrownBy(() -> LabRoutes.verify(List.of(lab), java.util.Set.of("cdlab0"),
                a -> "10.213.0.11 via 192.168.1.1 dev eth0 src 192.168.1.5 uid 0")).hasMessageContaining("Refusing lab address");
        assertThat(LabRoutes.staysOnLabLink("unreachable 10.213.0.11", java.util.Set.of("cdlab0"))).isFalse();
        assertThat(LabRoutes.staysOnLabLink("10.213.0.11 dev eth0 src 10.0.0.2", java.util.Set.of("cdlab0"))).isFalse();
    }

    @Test
    void realIpRouteGetKeepsAnUnroutedAddressOut() {
        RealParts.require(new java.io.File("/usr/sbin/ip").exists() || new java.io.File("/sbin/ip").exists(),
                "iproute2 (ip) is not installed");
        // 127.0.0.1's route is "local ... dev lo": not a lab link, so it is not an allowed lab address
        assertThatThrownBy(() -> LabRoutes.verify(List.of(java.net.InetAddress.getByName("127.0.0.1")), java.util.Set.of("cdlab0")))
                .isInstanceOf(BenchmarkException.class);
    }
}
