package org.clusterdeck.lb;

import java.util.List;

/**
 * An {@code upstream} block: its name, balancing method ({@code hashKey} and {@code consistent} for
 * {@link Balance#HASH} only), servers, and the idle keep-alive connections each worker keeps to
 * them ({@code keepalive N}; 0: none, every request opens a new connection).
 */
public record Upstream(String name, Balance balance, String hashKey, boolean consistent, List<UpstreamServer> servers, int keepalive) {
    public Upstream {
        balance = balance == null ? Balance.ROUND_ROBIN : balance;
        servers = List.copyOf(servers);
    }
}
