#!/usr/bin/env bash
# Hardening benchmark: the full plan + apply + verify of every hardening step on 10 lab hosts in
# parallel (firewall and sshd through the guarded apply with a 10 s window), against a hand script
# of the same commands run with the OpenSSH client (one 'ssh host sh -s' per host, all in
# parallel), alternating in one run. Goal: ClusterDeck < 10 s. The guard window costs nothing
# when the new login succeeds (the revert is disarmed at once); what the guard adds is the arming,
# one new SSH login and the disarming per guarded step, which the ratio shows.
# Needs root (lab hosts are network namespaces with their own sshd).
# Usage: bench/harden.sh [--check] [ROUNDS]
#   --check: compile and find the tools, without measuring
cd "$(dirname "$0")/.."
source bench/lib.sh
((CHECK)) && shift
rounds=${1:-3}
needs_root
require systemd-nspawn systemd-container
require ip iproute2
require nft nftables
peer ssh openssh-client
require mvn maven
step "compiling (mvn test-compile)"
mvn -B -q -ntp test-compile >&2
checked
step "running HardenBench (mvn test -Dtest=HardenBench)"
mvn -B -q -ntp test -Dtest=HardenBench -Dsurefire.failIfNoSpecifiedTests=false \
    -Dclusterdeck.bench=true -Dclusterdeck.bench.rounds="$rounds" 2>&1 | tee /tmp/clusterdeck-harden-bench.log | sed 's/\x1b\[[0-9;]*m//g' | grep -E '^(BENCH|SKIPPED)' || {
  echo "bench/harden.sh: the benchmark did not run; see /tmp/clusterdeck-harden-bench.log"; exit 1; }
grep -q "Tests run:.*Failures: 0, Errors: 0" target/surefire-reports/org.clusterdeck.harden.HardenBench.txt \
  || { echo "bench/harden.sh: the benchmark failed; see target/surefire-reports/org.clusterdeck.harden.HardenBench.txt"; exit 1; }
