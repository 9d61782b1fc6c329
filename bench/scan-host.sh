#!/usr/bin/env bash
# Host audit benchmark: ClusterDeck's host audit (120+ checks, one read-only script per host over
# SSH) on one lab host (goal <= 3 s) and on 10 lab hosts in parallel (goal <= 10 s), medians of
# ROUNDS runs; then, for comparison, 'lynis audit system --quick' on this machine (its time and
# number of tests performed) when lynis is installed — the script says so when it is not.
# Needs root (lab hosts are network namespaces with their own sshd).
# Usage: bench/scan-host.sh [--check] [ROUNDS]
#   --check: compile and find the tools, without measuring
cd "$(dirname "$0")/.."
source bench/lib.sh
((CHECK)) && shift
rounds=${1:-3}
needs_root
require systemd-nspawn systemd-container
require ip iproute2
require mvn maven
if command -v lynis >/dev/null 2>&1; then
    echo "$BENCH: peer lynis: $(command -v lynis)" >&2
else
    echo "$BENCH: peer lynis is not installed: the comparison is left out (apt-get install -y lynis)" >&2
fi
step "compiling (mvn test-compile)"
mvn -B -q -ntp test-compile >&2
checked
step "running HostAuditBench (mvn test -Dtest=HostAuditBench)"
mvn -B -q -ntp test -Dtest=HostAuditBench -Dsurefire.failIfNoSpecifiedTests=false \
    -Dclusterdeck.bench=true -Dclusterdeck.bench.rounds="$rounds" 2>&1 | tee /tmp/clusterdeck-scan-host-bench.log | sed 's/\x1b\[[0-9;]*m//g' | grep -E '^(BENCH|SKIPPED)' || {
  echo "bench/scan-host.sh: the benchmark did not run; see /tmp/clusterdeck-scan-host-bench.log"; exit 1; }
grep -q "Tests run:.*Failures: 0, Errors: 0" target/surefire-reports/org.clusterdeck.scan.HostAuditBench.txt \
  || { echo "bench/scan-host.sh: the benchmark failed; see target/surefire-reports/org.clusterdeck.scan.HostAuditBench.txt"; exit 1; }
if command -v lynis >/dev/null 2>&1; then
    step "running lynis audit system --quick on this machine"
    report=$(mktemp /tmp/lynis-report.XXXXXX)
    start=$(date +%s.%N)
    lynis audit system --quick --no-colors --report-file "$report" --logfile /dev/null >/dev/null 2>&1 || true
    end=$(date +%s.%N)
    executed=$(sed -n 's/^tests_executed=//p' "$report" | tr '|' '\n' | grep -c . || true)
    printf 'BENCH lynis audit system --quick (this machine): %.2f s, %s tests performed (lynis %s)\n' \
        "$(awk -v a="$start" -v b="$end" 'BEGIN{print b-a}')" "$executed" "$(lynis show version 2>/dev/null)"
    rm -f "$report"
else
    echo "BENCH lynis: not installed, no comparison (apt-get install -y lynis)"
fi
