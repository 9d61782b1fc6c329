package org.clusterdeck.scan;

import java.time.Instant;

/**
 * One run in a host's history: when, which scanner and target, the hardening index (host audits
 * only, else null) and how many of its findings are not accepted or marked false positive.
 */
public record HistoryPoint(long scanId, ScanKind kind, String target, Instant time, Integer index, int openCount) {
}
