package org.clusterdeck.hostmetrics;

import org.clusterdeck.net.TargetPolicy;

import java.net.InetAddress;
import java.util.Optional;
import org.clusterdeck.model.BenchmarkSpec;
import org.clusterdeck.bench.HostSampler;
import org.clusterdeck.bench.LocalProcHostSampler;
import org.clusterdeck.model.Host;
import org.clusterdeck.model.Site;
import org.clusterdeck.remote.RemoteAccess;
import org.clusterdeck.store.Store;

/**
 * Picks where a benchmark's host metrics come from: this machine's /proc for a loopback target,
 * the inventory host at the target's address over SSH (never a demo host), else nowhere.
 */
public final class HostSamplers {
    private HostSamplers() {
    }

    /**
     * A sampler for the spec's target, or null when there is nothing to sample. Connects to nothing
     * yet; {@code access} (may be null: loopback only) is asked for only when an inventory host is
     * to be sampled over SSH.
     */
    public static HostSampler choose(Store store, java.util.function.Supplier<RemoteAccess> access, BenchmarkSpec spec) {
        String target = TargetPolicy.unbracket(spec.url().getHost());
        InetAddress literal = TargetPolicy.literal(target);
        if (target.equalsIgnoreCase("localhost") || literal != null && literal.isLoopbackAddress()) {
            return LocalProcHostSampler.available() ? new LocalProcHostSampler() : null;
        }
        Optional<Host> host = sshHostAt(store, target);
        RemoteAccess remote = host.isPresent() && access != null ? access.get() : null;
        if (remote == null) {
            return null;
        }
        // the shell opens at the first sample, i.e. after the session has accepted the target
        return host.map(h -> new SshHostSampler(h.name(),
                () -> remote.openForPolling(h, "host metrics for the benchmark of " + spec.url()))).orElse(null);
    }

    /** The first inventory host outside the demo lab whose address is {@code target}. */
    static Optional<Host> sshHostAt(Store store, String target) {
        for (Host h : store.hosts().findAll()) {
            Site site = store.sites().findById(h.siteId()).orElse(null);
            if (site != null && site.isDemo()) {
                continue; // demo addresses are labels: never connected to
            }
            if (sameAddress(h.address(), target)) {
                return Optional.of(h);
            }
        }
        return Optional.empty();
    }

    static boolean sameAddress(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        String x = TargetPolicy.unbracket(a.strip());
        String y = TargetPolicy.unbracket(b.strip());
        InetAddress ax = TargetPolicy.literal(x);
        InetAddress by = TargetPolicy.literal(y);
        return ax != null && by != null ? ax.equals(by) : x.equalsIgnoreCase(y);
    }
}
