package org.clusterdeck.scan;

import java.util.List;
import java.util.function.Function;

/**
 * One host-audit check of the table in {@link HostAuditChecks}: a stable id ("CD-SSH-001"), its
 * category, a severity (0–10, weighs the hardening index), the probe whose output it reads, the
 * judge, why it matters, the fix, and — where the hardening wizard fixes it — that step's id.
 */
public record HostAuditCheck(String id, String category, double severity, String title, String probe,
                             Function<Input, Verdict> judge, String why, String fix, String step) {

    /** What a judge sees: the probe's output and the host's role (for listeners). */
    public record Input(String output, org.clusterdeck.harden.Role role, int sshPort) {
        public List<String> lines() {
            return output.isBlank() ? List.of() : output.lines().toList();
        }
    }

    public enum Status { PASS, FAIL, SKIP }

    /** A judgement with the probe output lines it was made on. */
    public record Verdict(Status status, List<String> evidence) {
        public static Verdict pass(List<String> evidence) {
            return new Verdict(Status.PASS, List.copyOf(evidence));
        }

        public static Verdict fail(List<String> evidence) {
            return new Verdict(Status.FAIL, List.copyOf(evidence));
        }

        public static Verdict skip(String why) {
            return new Verdict(Status.SKIP, List.of(why));
        }

        public static Verdict of(boolean ok, List<String> evidence) {
            return ok ? pass(evidence) : fail(evidence);
        }
    }

    public HostAuditCheck {
        if (severity < 0 || severity > 10) {
            throw new IllegalArgumentException("severity " + severity);
        }
    }
}
