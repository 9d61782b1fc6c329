package org.clusterdeck.scan;

import java.util.List;

/**
 * An HTTP endpoint's security headers and pages judged in the spirit of Mozilla's HTTP
 * Observatory: a score from 100 with each modifier shown, its letter grade, the findings, and the
 * response headers as received.
 */
public record HttpScanResult(String url, String address, int status, List<HttpFetch.Header> headers,
        List<Modifier> modifiers, int score, String grade, List<Finding> findings, long elapsedMs) {

    /** One test's effect on the score, e.g. ("content-security-policy", -25, "no Content-Security-Policy header"). */
    public record Modifier(String test, int points, String result) {
    }
}
