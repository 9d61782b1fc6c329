package org.clusterdeck.bench;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.clusterdeck.job.Job;
import org.clusterdeck.job.JobRunner;
import org.clusterdeck.model.BenchmarkResult;
import org.clusterdeck.model.BenchmarkRun;
import org.clusterdeck.model.BenchmarkSpec;
import org.clusterdeck.model.Header;
import org.clusterdeck.model.Host;
import org.clusterdeck.model.HostSample;
import org.clusterdeck.model.LoadBalancer;
import org.clusterdeck.model.SecondSample;
import org.clusterdeck.model.Site;
import org.clusterdeck.model.Vm;
import org.clusterdeck.net.TargetPolicy;
import org.clusterdeck.net.TargetRefusedException;
import org.clusterdeck.store.BenchmarkRepository;

/**
 * Benchmarks as the GUI and the CLI run them: every run is a job (visible in the jobs panel and
 * in {@code clusterdeck jobs list}), its target checked by the {@link TargetPolicy}, host metrics
 * sampled beside it when asked, the result stored.
 */
public final class BenchmarkService {
    /** What a run reports while it goes; called on the job's thread. */
    public interface Listener {
        Listener NONE = (sample, host, progress) -> { };

        void onSecond(SecondSample sample, HostSample host, LoadEngine.Progress progress);

        /** Where host metrics come from ("" when none), once, before the load starts. */
        default void onHostSource(String source) {
        }
    }

    /** Where a run was started from and what to keep of it. */
    public record Options(String label, String targetKind, String targetName, boolean hostMetrics, boolean save) {
        /** A plain URL run that samples host metrics and is stored. */
        public static Options url(String label) {
            return new Options(label, "url", null, true, true);
        }
    }

    /** A run in progress: its job, and an early end that keeps what was measured. */
    public static final class Running {
        private final Job<BenchmarkRun> job;
        private final Session session;

        private Running(Job<BenchmarkRun> job, Session session) {
            this.job = job;
            this.session = session;
        }

        public Job<BenchmarkRun> job() {
            return job;
        }

        /** Ends the load early; the job still stores and returns what was measured. */
        public void cancel() {
            session.cancel();
        }
    }

    private final BenchmarkRepository runs;
    private final JobRunner jobs;
    private final TargetPolicy targets;
    private final Function<BenchmarkSpec, HostSampler> hostSamplers;

    /**
     * @param hostSamplers where a spec's host metrics come from (null result: none); the app
     *                     gives loopback /proc or the inventory host over SSH
     */
    public BenchmarkService(BenchmarkRepository runs, JobRunner jobs, TargetPolicy targets,
                            Function<BenchmarkSpec, HostSampler> hostSamplers) {
        this.runs = runs;
        this.jobs = jobs;
        this.targets = targets;
        this.hostSamplers = hostSamplers;
    }

    public TargetPolicy targets() {
        return targets;
    }

    /**
     * Checks the target without sending anything (for a quick refusal before a job is made);
     * throws {@link BenchmarkException} with the reason.
     */
    public void checkTarget(BenchmarkSpec spec) {
        try {
            targets.resolve(spec.url().getHost());
        } catch (TargetRefusedException e) {
            throw new BenchmarkException(e.getMessage(), e);
        }
    }

    /**
     * Starts a run as a job. The job fails with the reason when the target is refused or when no
     * request got an answer (such a run is not stored); a cancelled run keeps what was measured.
     */
    public Running start(BenchmarkSpec spec, Options options, Listener listener) {
        Session holder = new Session();
        Job<BenchmarkRun> job = jobs.submit("Benchmark " + spec.url(), spec.url().getHost(), ctx -> {
            HostSampler sampler = options.hostMetrics() ? hostSamplers.apply(spec) : null;
            listener.onHostSource(sampler == null ? "" : sampler.source());
            BenchmarkSession session = new BenchmarkSession(spec, targets, sampler);
            holder.set(session);
            BenchmarkRun run = session.run(options.label(), options.targetKind(), options.targetName(),
                    (sample, host, p) -> {
                        ctx.progress(p.fraction(), String.format(java.util.Locale.ROOT, "%.0f req/s, p99 %.2f ms",
                                sample.requestsPerSecond(), sample.p99() / 1000.0));
                        listener.onSecond(sample, host, p);
                    });
            Thread.interrupted(); // a cancel from the jobs panel must not break the database write
            BenchmarkResult r = run.result();
            if (r.requests() == 0 && r.errors() > 0) {
                throw new BenchmarkException("No request got an answer (" + r.errors() + " errors); last error: "
                        + Header.printable(String.valueOf(r.lastError())));
            }
            if (!options.save()) {
                return run;
            }
            BenchmarkRun saved = runs.save(run);
            ctx.log("Stored as run #" + saved.id() + ": " + Math.round(r.requestsPerSecond()) + " req/s");
            return saved;
        });
        return new Running(job, holder);
    }

    public List<BenchmarkRun> history() {
        return runs.findAll();
    }

    public Optional<BenchmarkRun> find(long id) {
        return runs.findById(id);
    }

    /** Gives a stored run a new label (null removes it) and returns it as stored now. */
    public BenchmarkRun relabel(long id, String label) {
        runs.setLabel(id, label);
        return runs.findById(id).orElseThrow(() -> new BenchmarkException("Benchmark run #" + id + " does not exist any more."));
    }

    /** Deletes a stored run; false when there was none with that id. */
    public boolean delete(long id) {
        return runs.delete(id);
    }

    /** {@code http://<address of the LB's VM>:<listen port>/}; refuses demo nodes and a missing address. */
    public String urlFor(Site site, LoadBalancer lb, Vm lbVm) {
        String a = targets.addressOf(site, lb, lbVm);
        return "http://" + TargetPolicy.urlHost(a) + (lb.listenPort() == 80 ? "" : ":" + lb.listenPort()) + "/";
    }

    public String urlFor(Site site, Vm vm) {
        return "http://" + TargetPolicy.urlHost(targets.addressOf(site, vm)) + "/";
    }

    public String urlFor(Site site, Host host) {
        return "http://" + TargetPolicy.urlHost(targets.addressOf(site, host)) + "/";
    }

    /** The session of a run once its job has made it; a cancel before that is remembered. */
    private static final class Session {
        private BenchmarkSession session;
        private boolean cancelled;

        synchronized void set(BenchmarkSession s) {
            session = s;
            if (cancelled) {
                s.cancel();
            }
        }

        synchronized void cancel() {
            cancelled = true;
            if (session != null) {
                session.cancel();
            }
        }
    }
}
