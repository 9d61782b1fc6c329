package org.clusterdeck.lb;

import java.util.Arrays;
import java.util.List;
import org.clusterdeck.model.Backend;
import org.clusterdeck.model.LoadBalancer;

/** The model of a load balancer drawn in the topology: its backends, weights and flags from the store. */
public final class LbTopology {
    /** Idle connections per worker kept open to the backends: enough for a small cluster, cheap for the backends. */
    public static final int KEEPALIVE = 32;

    private LbTopology() {
    }

    public static LbConfig config(LoadBalancer lb) {
        List<UpstreamServer> servers = lb.backends().stream().map(LbTopology::server).toList();
        Upstream up = new Upstream("backend", Balance.parse(lb.algorithm()), null, false, servers, KEEPALIVE);
        List<String> names = lb.serverName() == null || lb.serverName().isBlank() ? List.of("_")
                : Arrays.stream(lb.serverName().strip().split("\\s+")).toList();
        return LbConfig.of(lb.name(), up, names).withListenPort(lb.listenPort());
    }

    private static UpstreamServer server(Backend b) {
        return new UpstreamServer(b.address(), b.port(), b.weight(), b.maxFails(), b.failTimeoutSeconds(), b.backup(), false);
    }
}
