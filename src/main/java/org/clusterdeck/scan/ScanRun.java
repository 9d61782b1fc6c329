package org.clusterdeck.scan;

import java.time.Instant;

/**
 * One stored scan: which scanner, what was scanned ("web1", "127.0.0.1:443",
 * "http://127.0.0.1:8080/"), when, how long, the hardening index (host audits only), how many
 * findings it reported, and why it failed ({@code error}, null when it ran).
 */
public record ScanRun(long id, ScanKind kind, String target, Instant startedAt, long elapsedMs, Integer index,
        int findingCount, String error) {
}
