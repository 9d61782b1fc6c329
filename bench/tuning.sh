#!/usr/bin/env bash
# Kernel tuning benchmark: read, diff and apply 30 sysctls (runtime + /etc/sysctl.d file, read
# back) on 10 lab hosts in parallel, and on one host alone; side by side with the same work done
# by the OpenSSH client the way a shell script would (one ssh per step). Target: 10 hosts < 3 s.
# Needs root (the lab hosts are network namespaces with their own sshd) and openssh-server/-client.
# Each host runs 6 remote commands per apply: read the 30 keys, read the file, sysctl -w, read
# back, tee to a temporary file, rename it into place. The peer opens one ssh per step.
# Usage: bench/tuning.sh [--check] [ROUNDS]
#   --check: compile and find the tools, without measuring
cd "$(dirname "$0")/.."
source bench/lib.sh
((CHECK)) && shift
rounds=${1:-5}
needs_root
require sshd openssh-server
require ip iproute2
peer ssh openssh-client
require mvn maven
step "compiling (mvn test-compile)"
mvn -B -q -ntp test-compile >&2
checked
step "running TuningBench (mvn test -Dtest=TuningBench)"
mvn -B -q -ntp test -Dtest=TuningBench -Dsurefire.failIfNoSpecifiedTests=false \
    -Dclusterdeck.bench=true -Dclusterdeck.bench.rounds="$rounds" 2>&1 | tee /tmp/clusterdeck-tuning-bench.log | sed 's/\x1b\[[0-9;]*m//g' | grep -E '^(BENCH|SKIPPED)' || {
  echo "bench/tuning.sh: the benchmark did not run; see /tmp/clusterdeck-tuning-bench.log"; exit 1; }
grep -q "Tests run:.*Failures: 0, Errors: 0" target/surefire-reports/org.clusterdeck.tuning.TuningBench.txt \
  || { echo "bench/tuning.sh: the benchmark failed; see target/surefire-reports/org.clusterdeck.tuning.TuningBench.txt"; exit 1; }
