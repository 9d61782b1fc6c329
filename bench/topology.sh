#!/bin/sh
# Topology diagram benchmark: layout, first render and pan/zoom frame times for generated
# clusters of 100 and 1,000 hosts (10 VMs each, one load balancer per 20 hosts), drawn through
# Java2D (PNG export) and on a JavaFX Canvas (the window; headless Monocle, software pipeline).
# Targets (issue 4): layout < 1 s, first render < 1 s, pan/zoom frames < 16 ms.
# Usage: bench/topology.sh [HOSTS...]     (default: 100 1000)
set -eu
cd "$(dirname "$0")/.."
mvn -o -q -B test-compile
mvn -o -q -B dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt -Dmdep.includeScope=test >/dev/null
cp="target/classes:target/test-classes:$(cat target/bench-cp.txt)"
# the core renderer through Java2D (what PNG export and the CLI use)
java -Djava.awt.headless=true -XX:+UseSerialGC -Xmx1g -cp "$cp" org.clusterdeck.topology.TopologyBench "$@"
# the same renderer on a JavaFX Canvas, as the window draws it
java -XX:+UseSerialGC -Xmx1g -cp "$cp" org.clusterdeck.ui.topology.FxFrameBench "$@"
