package org.clusterdeck.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.clusterdeck.scan.ScanRun;
import org.clusterdeck.scan.StoredFinding;
import org.clusterdeck.text.Invocation;
import org.clusterdeck.text.TerminalText;

/** What the scan commands share about stored runs: the id line, scanId in JSON, findings of runs, lookups by id. */
final class StoredScans {
    private StoredScans() {
    }

    /** "Stored as scan 12: …" after a scan's text output. */
    /**
     * Starts opening the scan store on another thread while a scan waits on the network (a loopback
     * scan takes about as long as opening H2); {@link #opened} waits for it.
     */
    static java.util.concurrent.CompletableFuture<org.clusterdeck.scan.ScanService> openMeanwhile(Cli cli) {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> cli.services().scans());
    }

    /** The scan store once opened; an error opening it is thrown as itself (e.g. a locked database). */
    static org.clusterdeck.scan.ScanService opened(java.util.concurrent.CompletableFuture<org.clusterdeck.scan.ScanService> store) {
        try {
            return store.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    static void note(PrintWriter out, ScanRun run) {
        out.println("Stored as scan " + run.id() + " (" + run.findingCount() + " finding(s)): see '"
                + Invocation.command("scan show " + run.id()) + "'.");
    }

    /** Each scanner's JSON object with {@code scanId} first; objects and runs in the same order. */
    static List<Map<String, Object>> withScanIds(List<Map<String, Object>> objects, List<ScanRun> runs) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("scanId", runs.get(i).id());
            o.putAll(objects.get(i));
            out.add(o);
        }
        return out;
    }

    /** Every finding the runs reported, with its current state. */
    static List<StoredFinding> findings(Cli cli, List<ScanRun> runs) {
        List<StoredFinding> out = new ArrayList<>();
        runs.forEach(r -> out.addAll(cli.services().scans().findings(r.id())));
        return out;
    }

    static ScanRun requireRun(Cli cli, long id) {
        return cli.services().scans().runById(id).orElseThrow(() -> new CliException("No scan " + id + ". See '"
                + Invocation.command("scan list") + "' for the ids."));
    }

    static StoredFinding requireFinding(Cli cli, long id) {
        return cli.services().scans().finding(id).orElseThrow(() -> new CliException("No finding " + id + ". See '"
                + Invocation.command("findings list") + "' for the ids."));
    }

    /** One table row per finding: id, severity, state, host, scanner, check, title. */
    static Table table(List<StoredFinding> findings) {
        Table t = new Table("ID", "SEVERITY", "STATE", "TARGET", "KIND", "CHECK", "TITLE");
        for (StoredFinding f : findings) {
            t.row(f.id(), f.finding().rating(), f.state().label(), TerminalText.line(f.target()), f.kind().id(),
                    TerminalText.line(f.finding().id()), TerminalText.line(f.finding().title()));
        }
        return t;
    }
}
