#!/usr/bin/env bash
# Topology diagram benchmark: layout, first render and pan/zoom frame times for generated
# clusters of 100 and 1,000 hosts (10 VMs each, one load balancer per 20 hosts), drawn through
# Java2D (PNG export) and on a JavaFX Canvas (the window; headless Monocle, software pipeline).
# Targets (issue 4): layout < 1 s, first render < 1 s, pan/zoom frames < 16 ms.
# Usage: bench/topology.sh [--check] [HOSTS...]     (default: 100 1000)
#   --check: build the class path, without measuring
cd "$(dirname "$0")/.."
source bench/lib.sh
((CHECK)) && shift
test_classpath
checked
# the core renderer through Java2D (what PNG export and the CLI use)
step "running TopologyBench (Java2D)"
java -Djava.awt.headless=true -XX:+UseSerialGC -Xmx1g -cp "$CP" org.clusterdeck.topology.TopologyBench "$@"
# the same renderer on a JavaFX Canvas, as the window draws it
step "running FxFrameBench (JavaFX Canvas)"
java -XX:+UseSerialGC -Xmx1g -cp "$CP" org.clusterdeck.ui.topology.FxFrameBench "$@"
