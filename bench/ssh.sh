#!/usr/bin/env bash
# SSH and lab benchmark, side by side with OpenSSH's ssh client on the same lab hosts:
# lab up/down time, fresh connection + one command, a command over a kept-open connection
# (ClusterDeck's pool vs ssh ControlMaster), and 30 commands on each of N hosts in parallel.
# Usage (as root): bench/ssh.sh [HOSTS=10] [COMMANDS=100]
set -euo pipefail
cd "$(dirname "$0")/.."
[[ $(id -u) -eq 0 ]] || { echo "needs root (the lab uses network namespaces)"; exit 1; }
mvn -o -q -B test-compile
mvn -o -q -B dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt >/dev/null
java -cp "target/test-classes:target/classes:$(cat target/bench-cp.txt)" org.clusterdeck.lab.SshBench "${1:-10}" "${2:-100}"
