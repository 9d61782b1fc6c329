package org.clusterdeck.scan;

import java.util.List;

/**
 * Two runs side by side: findings {@code b} reports that {@code a} did not ({@code newFindings}),
 * those {@code a} reported and {@code b} no longer does ({@code gone}), and those both report.
 */
public record ScanComparison(ScanRun a, ScanRun b, List<StoredFinding> newFindings, List<StoredFinding> gone,
        List<StoredFinding> unchanged) {
}
