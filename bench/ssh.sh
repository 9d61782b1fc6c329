#!/usr/bin/env bash
# SSH and lab benchmark, side by side with OpenSSH's ssh client on the same lab hosts:
# lab up/down time, fresh connection + one command, a command over a kept-open connection
# (ClusterDeck's pool vs ssh ControlMaster), and 30 commands on each of N hosts in parallel.
# Usage (as root): bench/ssh.sh [--check] [HOSTS=10] [COMMANDS=100]
#   --check: build and find the tools, without measuring
cd "$(dirname "$0")/.."
source bench/lib.sh
((CHECK)) && shift
needs_root
require sshd openssh-server
require ip iproute2
peer ssh openssh-client
test_classpath
checked
step "running SshBench"
java -cp "$CP" org.clusterdeck.lab.SshBench "${1:-10}" "${2:-100}"
