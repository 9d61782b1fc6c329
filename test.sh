#!/usr/bin/env bash
# Runs every ClusterDeck test: installs the Debian packages the tests need (when root),
# then builds and tests with Maven. Tests that need root or a missing package print why they skip.
set -euo pipefail
cd "$(dirname "$0")"
app/install-deps.sh test
exec mvn -B -ntp verify "$@"
