package org.clusterdeck.scan;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.clusterdeck.harden.HostContexts;
import org.clusterdeck.harden.Role;
import org.clusterdeck.job.JobCancelledException;
import org.clusterdeck.job.JobContext;
import org.clusterdeck.model.Host;
import org.clusterdeck.net.TargetPolicy;
import org.clusterdeck.net.TargetRefusedException;
import org.clusterdeck.remote.RemoteAccess;
import org.clusterdeck.remote.RemoteShell;
import org.clusterdeck.store.ScanRepository;
import org.clusterdeck.store.Store;

/**
 * Findings → fix → rescan: runs the scanners, stores each run and its findings, and keeps each
 * finding's identity and state across runs.
 *
 * <p>Identity: (kind, target, check id, item). The target, not only the host, because one host
 * has several TLS/SSH/HTTP endpoints whose findings share check ids; for port scans and host
 * audits target and host are the same. The item is empty unless one run reports the same check id
 * more than once, when the evidence's first line tells the items apart (scanners should rather
 * put the item in the id, e.g. one id per port).
 *
 * <p>States: a new finding is OPEN; a rerun of the same (kind, target) keeps ACCEPTED and
 * FALSE_POSITIVE, reopens a FIXED finding it reports again, and marks FIXED (fixedInScan) an OPEN
 * one it no longer reports — only when the run covered everything (a port scan of a few ports
 * proves nothing about the others) and did not fail.
 */
public final class ScanService {
    private static final int RUN_LIST_LIMIT = 1000;
    private static final int MAX_ITEM_KEY = 500;
    private static final int MAX_TITLE = 2000;
    private static final int MAX_REASON = 2000;
    private static final PortSet ALL_PORTS = PortSet.all();

    private final ScanRepository repo;
    private final Store store;
    private final Supplier<TargetPolicy> targets;
    private final Supplier<RemoteAccess> remote;
    private final String actor;

    public ScanService(ScanRepository repo, Store store, Supplier<TargetPolicy> targets, Supplier<RemoteAccess> remote,
            String actor) {
        this.repo = repo;
        this.store = store;
        this.targets = targets;
        this.remote = remote;
        this.actor = actor;
    }

    // ---- running ---------------------------------------------------------------------------

    /**
     * Runs one scanner on one target and stores the run and its findings. A target the policy
     * refuses, or an unknown/demo host for a host audit, throws before anything connects; a scan
     * that fails on the way (closed port, lost connection) is stored with its {@code error}.
     */
    public ScanRun run(ScanKind kind, String target, JobContext ctx) {
        return scan(kind, ScanTargets.canonical(kind, target), ctx).run();
    }

    /** A run and the scanner's own result (null when the scan failed): {@link #runAll} needs the open ports. */
    private record Scanned(ScanRun run, Object result) {
    }

    /**
     * {@code scan all}: per target a full port scan, then every scanner that applies — SSH on the
     * host's SSH port, TLS and HTTPS where 443 is open, HTTP where 80 is open, and the host audit
     * when the target is an inventory host (lab or added) with its SSH port open. Every target is
     * checked by the policy before any is scanned.
     */
    public List<ScanRun> runAll(List<String> targetList, JobContext ctx) {
        TargetPolicy policy = targets.get();
        for (String t : targetList) {
            policy.resolve(ScanTargets.canonical(ScanKind.PORTS, t)); // refuses before anything connects
        }
        List<ScanRun> out = new ArrayList<>();
        int n = 0;
        for (String raw : targetList) {
            String t = ScanTargets.canonical(ScanKind.PORTS, raw);
            progress(ctx, (double) n++ / targetList.size(), "ports of " + t);
            Scanned ports = scan(ScanKind.PORTS, t, ctx);
            out.add(ports.run());
            if (!(ports.result() instanceof PortScanResult pr)) {
                continue;
            }
            Set<Integer> open = new HashSet<>(pr.openPorts());
            Optional<Host> inventory = store.hosts().findByName(t);
            int sshPort = inventory.map(Host::sshPort).orElse(SshScanner.DEFAULT_PORT);
            if (open.contains(sshPort)) {
                out.add(scan(ScanKind.SSH, ScanTargets.join(t, sshPort), ctx).run());
            }
            if (open.contains(TlsScanner.DEFAULT_PORT)) {
                out.add(scan(ScanKind.TLS, ScanTargets.join(t, TlsScanner.DEFAULT_PORT), ctx).run());
                out.add(scan(ScanKind.HTTP, "https://" + TargetPolicy.urlHost(t) + "/", ctx).run());
            }
            if (open.contains(80)) {
                out.add(scan(ScanKind.HTTP, "http://" + TargetPolicy.urlHost(t) + "/", ctx).run());
            }
            if (inventory.isPresent() && open.contains(sshPort)) {
                out.add(scan(ScanKind.HOST, inventory.get().name(), ctx).run());
            }
        }
        progress(ctx, 1, "scanned " + targetList.size() + " target(s)");
        return out;
    }

    /**
     * Reruns the scans of just these findings (each (kind, target) once); those the rerun no longer
     * reports are FIXED, and get {@code changeSetId} (may be null) as the change that fixed them.
     */
    public List<ScanRun> rescan(List<Long> findingIds, Long changeSetId, JobContext ctx) {
        Map<String, List<StoredFinding>> groups = new LinkedHashMap<>();
        for (long id : findingIds) {
            StoredFinding f = requireFinding(id);
            groups.computeIfAbsent(f.kind().id() + " " + f.target(), k -> new ArrayList<>()).add(f);
        }
        List<ScanRun> runs = new ArrayList<>();
        for (List<StoredFinding> group : groups.values()) {
            StoredFinding first = group.get(0);
            ScanRun r = scan(first.kind(), first.target(), ctx).run();
            runs.add(r);
            if (r.error() != null) {
                continue;
            }
            for (StoredFinding f : group) {
                StoredFinding now = requireFinding(f.id());
                if (now.state() == FindingState.FIXED && Long.valueOf(r.id()).equals(now.fixedInScan())) {
                    repo.setFixedByChangeSet(f.id(), changeSetId);
                }
            }
        }
        return runs;
    }

    /** Scans {@code target} (canonical) with one scanner and stores the outcome. */
    private Scanned scan(ScanKind kind, String target, JobContext ctx) {
        if (ctx != null) {
            ctx.checkCancelled();
            ctx.log("scan " + kind.id() + " " + target);
        }
        Host auditHost = kind == ScanKind.HOST ? inventoryHost(target) : null; // unknown and demo hosts refused first
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        try {
            switch (kind) {
                case PORTS -> {
                    PortScanResult r = new PortScanner(targets.get()).scan(List.of(target),
                            PortScanner.Options.of(ALL_PORTS)).get(0);
                    return new Scanned(recordPorts(target, started, r, true, null), r);
                }
                case TLS -> {
                    TlsScanResult r = new TlsScanner(targets.get()).scan(target);
                    return new Scanned(record(kind, target, started, r.elapsedMs(), null, r.findings(), true), r);
                }
                case SSH -> {
                    SshScanResult r = new SshScanner(targets.get()).scan(target);
                    return new Scanned(record(kind, target, started, r.elapsedMs(), null, r.findings(), true), r);
                }
                case HTTP -> {
                    HttpScanResult r = new HttpScanner(targets.get()).scan(target);
                    return new Scanned(record(kind, target, started, r.elapsedMs(), null, r.findings(), true), r);
                }
                case HOST -> {
                    HostAudit.Report r;
                    try (RemoteShell shell = remote.get().open(auditHost, ctx)) {
                        r = HostAudit.run(auditHost.name(), shell, Role.fromInventory(auditHost.role()), auditHost.sshPort());
                    }
                    return new Scanned(recordHost(r, started), r);
                }
                default -> throw new IllegalStateException(kind.name());
            }
        } catch (TargetRefusedException | IllegalArgumentException | JobCancelledException e) {
            throw e; // refused target, bad input, cancelled: nothing to store
        } catch (IOException | RuntimeException e) {
            // the scan started and failed (closed port, lost connection, SSH login refused): stored with why
            String error = String.valueOf(e.getMessage());
            if (ctx != null) {
                ctx.warn(kind.id() + " " + target + ": " + error);
            }
            return new Scanned(recordFailure(kind, target, started, (System.nanoTime() - t0) / 1_000_000, error), null);
        }
    }

    private Host inventoryHost(String name) {
        Host h = store.hosts().findByName(name).orElseThrow(() -> new IllegalArgumentException(
                "No host named '" + name.replaceAll("\\p{Cntrl}", "?") + "' in the inventory: a host audit needs an "
                        + "inventory host with SSH (see 'hosts list', or 'lab up' for practice hosts)."));
        RemoteAccess.refuseDemo(store, h); // before any host is contacted
        return h;
    }

    // ---- storing (also for the CLI, which runs the scanners itself to print their details) ---

    /**
     * Stores a port scan; {@code complete}: every port 1–65535 was scanned (only then are missing
     * findings fixed). {@code judgedAs}: the role to judge the open ports by; null = the inventory's.
     */
    public ScanRun recordPorts(String target, Instant startedAt, PortScanResult r, boolean complete, Role judgedAs) {
        String t = ScanTargets.canonical(ScanKind.PORTS, target);
        return record(ScanKind.PORTS, t, startedAt, r.elapsedMs(), null,
                portFindings(ScanTargets.host(ScanKind.PORTS, t), judgedAs, r), complete);
    }

    /** Stores a host audit with its index; its findings are the failed checks. */
    public ScanRun recordHost(HostAudit.Report r, Instant startedAt) {
        return record(ScanKind.HOST, r.host(), startedAt, r.elapsedMs(), r.index(),
                r.failed().stream().map(HostAudit.Result::finding).toList(), true);
    }

    /**
     * What the host's role does not expect to be open, seen from here: the inventory host's SSH port
     * is expected, and a web host's 80/443 are findings only when a load balancer is in front of it.
     */
    private List<Finding> portFindings(String host, Role judgedAs, PortScanResult r) {
        Optional<Host> h = inventoryByNameOrAddress(host);
        Role role = judgedAs != null ? judgedAs : Role.fromInventory(h.map(Host::role).orElse(null));
        int sshPort = h.map(Host::sshPort).orElse(SshScanner.DEFAULT_PORT);
        boolean behindLb = role == Role.WEB && h.map(x -> !new HostContexts(store).of(x.name(), role, List.of())
                .loadBalancers().isEmpty()).orElse(true);
        return PortExpectations.findings(role, r, sshPort, behindLb);
    }

    /** The inventory host named {@code host}, or the one with that address. */
    private Optional<Host> inventoryByNameOrAddress(String host) {
        Optional<Host> h = store.hosts().findByName(host);
        return h.isPresent() ? h : store.hosts().findAll().stream().filter(x -> host.equalsIgnoreCase(x.address())).findFirst();
    }

    /**
     * Stores a run of {@code kind} on {@code target} with the findings it reported, keeping each
     * finding's identity and state (see the class comment). Evidence is redacted first.
     */
    public ScanRun record(ScanKind kind, String target, Instant startedAt, long elapsedMs, Integer index,
            List<Finding> reported, boolean complete) {
        String t = ScanTargets.canonical(kind, target);
        String host = ScanTargets.host(kind, t);
        List<Finding> findings = reported.stream().map(EvidenceRedactor::redact).toList();
        Map<String, Integer> perId = new HashMap<>();
        findings.forEach(f -> perId.merge(f.id(), 1, Integer::sum));
        long id = repo.inTransaction(() -> {
            Instant now = Instant.now();
            long runId = repo.insertRun(kind.id(), t, host, startedAt, elapsedMs, index, findings.size(), null, actor);
            Map<String, ScanRepository.FindingRow> known = new HashMap<>();
            for (ScanRepository.FindingRow row : repo.findingsOf(kind.id(), t)) {
                known.put(row.checkId() + "\n" + row.itemKey(), row);
            }
            Set<String> seen = new HashSet<>();
            for (Finding f : findings) {
                String item = perId.get(f.id()) > 1 ? itemKey(f.evidence()) : "";
                String key = f.id() + "\n" + item;
                if (!seen.add(key)) {
                    continue; // the same item twice in one run: one finding
                }
                ScanRepository.FindingRow row = known.remove(key);
                long findingId;
                if (row == null) {
                    findingId = repo.insertFinding(kind.id(), t, host, f.id(), item, FindingState.OPEN.dbValue(), runId, now);
                } else {
                    findingId = row.id();
                    repo.seenAgain(findingId, runId, FindingState.fromDb(row.state()) == FindingState.FIXED, now);
                }
                repo.insertSighting(runId, findingId, f.severity(), cut(f.title(), MAX_TITLE), f.evidence(), f.why(), f.fix());
            }
            if (complete) {
                for (ScanRepository.FindingRow gone : known.values()) {
                    if (FindingState.fromDb(gone.state()) == FindingState.OPEN) {
                        repo.markFixed(gone.id(), runId, now);
                    }
                }
            }
            return runId;
        });
        return runById(id).orElseThrow();
    }

    /** Stores a scan that failed: its error, no findings, and no finding's state changes. */
    public ScanRun recordFailure(ScanKind kind, String target, Instant startedAt, long elapsedMs, String error) {
        String t = ScanTargets.canonical(kind, target);
        long id = repo.insertRun(kind.id(), t, ScanTargets.host(kind, t), startedAt, elapsedMs, null, 0,
                cut(EvidenceRedactor.redact(error), 4000), actor);
        return runById(id).orElseThrow();
    }

    private static String itemKey(String evidence) {
        String first = evidence == null ? "" : evidence.lines().findFirst().orElse("").strip();
        return cut(first, MAX_ITEM_KEY);
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    // ---- reading ---------------------------------------------------------------------------

    /** Runs, newest first; of one target or host when not null. */
    public List<ScanRun> runs(String targetOrNull) {
        return repo.runs(targetOrNull == null ? null : targetOrNull.strip(), RUN_LIST_LIMIT).stream().map(ScanService::run).toList();
    }

    public Optional<ScanRun> runById(long id) {
        return repo.run(id).map(ScanService::run);
    }

    /** What run {@code scanId} reported, worst first, with each finding's current state. */
    public List<StoredFinding> findings(long scanId) {
        return repo.findingsOfScan(scanId).stream().map(ScanService::finding).toList();
    }

    /** Findings as their newest run saw them: of one host when not null, only OPEN ones when asked. */
    public List<StoredFinding> findings(String hostOrNull, boolean openOnly) {
        return repo.findings(hostOrNull == null ? null : hostOrNull.strip(), openOnly).stream().map(ScanService::finding).toList();
    }

    public Optional<StoredFinding> finding(long id) {
        return repo.finding(id).map(ScanService::finding);
    }

    private StoredFinding requireFinding(long id) {
        return finding(id).orElseThrow(() -> new IllegalArgumentException(
                "No finding " + id + ": see 'findings list' for the ids."));
    }

    // ---- deciding ----------------------------------------------------------------------------

    /** Marks a finding ACCEPTED (needs no fix here); the reason is shown in reports. */
    public void accept(long findingId, String reason) {
        setState(findingId, FindingState.ACCEPTED, reason);
    }

    /** Marks a finding FALSE_POSITIVE (the scanner was wrong); the reason is shown in reports. */
    public void falsePositive(long findingId, String reason) {
        setState(findingId, FindingState.FALSE_POSITIVE, reason);
    }

    /** Back to OPEN (the reason and any fix records cleared). */
    public void reopen(long findingId) {
        requireFinding(findingId);
        repo.reopen(findingId, Instant.now());
    }

    private void setState(long findingId, FindingState state, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("A reason is required to mark a finding " + state.label()
                    + ": give it with --reason TEXT (it is shown in reports).");
        }
        if (reason.length() > MAX_REASON) {
            throw new IllegalArgumentException("The reason is " + reason.length() + " characters; at most " + MAX_REASON
                    + " fit. Shorten it.");
        }
        requireFinding(findingId);
        repo.setState(findingId, state.dbValue(), reason.strip(), Instant.now());
    }

    // ---- comparing ---------------------------------------------------------------------------

    /** New, gone and unchanged findings from run {@code scanA} to run {@code scanB}. */
    public ScanComparison compare(long scanA, long scanB) {
        ScanRun a = runById(scanA).orElseThrow(() -> new IllegalArgumentException("No scan " + scanA + ": see 'scan list'."));
        ScanRun b = runById(scanB).orElseThrow(() -> new IllegalArgumentException("No scan " + scanB + ": see 'scan list'."));
        List<StoredFinding> inA = findings(scanA);
        List<StoredFinding> inB = findings(scanB);
        Set<Long> idsA = new HashSet<>();
        inA.forEach(f -> idsA.add(f.id()));
        Set<Long> idsB = new HashSet<>();
        inB.forEach(f -> idsB.add(f.id()));
        return new ScanComparison(a, b, inB.stream().filter(f -> !idsA.contains(f.id())).toList(),
                inA.stream().filter(f -> !idsB.contains(f.id())).toList(),
                inB.stream().filter(f -> idsA.contains(f.id())).toList());
    }

    /** Every successful run on the host (any scanner), oldest first: time, index, open count. */
    public List<HistoryPoint> history(String host) {
        return repo.history(host.strip()).stream().map(h -> new HistoryPoint(h.scanId(), ScanKind.parse(h.kind()), h.target(),
                h.startedAt(), h.index(), h.openCount())).toList();
    }

    /** Host → the worst severity among its OPEN findings (the diagram's badge); hosts with none are absent. */
    public Map<String, Double> worstOpenSeverity() {
        return repo.worstOpenSeverity();
    }

    private static ScanRun run(ScanRepository.RunRow r) {
        return new ScanRun(r.id(), ScanKind.parse(r.kind()), r.target(), r.startedAt(), r.elapsedMs(), r.index(),
                r.findingCount(), r.error());
    }

    private static StoredFinding finding(ScanRepository.FindingRow r) {
        return new StoredFinding(r.id(), r.scanId(), r.target(), r.host(), ScanKind.parse(r.kind()),
                new Finding(r.checkId(), r.severity(), r.title(), r.evidence(), r.why(), r.fix()),
                FindingState.fromDb(r.state()), r.reason(), r.fixedByChangeSet(), r.fixedInScan(), r.firstSeen(), r.updatedAt());
    }

    private static void progress(JobContext ctx, double fraction, String message) {
        if (ctx != null) {
            ctx.progress(fraction, message);
        }
    }
}
