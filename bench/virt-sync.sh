#!/usr/bin/env bash
# Sync benchmark: a libvirt test-driver host holding 1,000 and 10,000 domains synced into H2
# (first sync, repeat sync, sync after 1 % changed), side by side with virsh listing the same
# node file ('virsh list --all' and 'virsh list --all' + 'dominfo' of every domain is what a
# person would script). Target: a 10,000-domain sync under 1 s.
# Usage: bench/virt-sync.sh [SIZES...]   (default: 1000 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-1000}")
(($# == 0)) && sizes=(1000 10000)
mvn -o -q -B test-compile
mvn -o -q -B dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt >/dev/null
cp="target/classes:target/test-classes:$(cat target/bench-cp.txt)"
out=$(java -Xmx1g -XX:+UseSerialGC -cp "$cp" org.clusterdeck.virt.VirtSyncBench "${sizes[@]}" 2>/dev/null)
echo "$out"
echo
echo "peer: virsh on the same node files (libvirt read only, nothing stored)"
printf "%7s  %16s  %16s\n" domains "virsh_list_ms" "ratio_first_sync"
while read -r n _ first _ _ file _; do
  [[ $n =~ ^[0-9]+$ ]] || continue
  s=$(date +%s%N); virsh -c "test://$file" "list --all" >/dev/null; e=$(date +%s%N)
  v=$(( (e - s) / 1000000 ))
  printf "%7d  %16d  %16s\n" "$n" "$v" "$(awk -v a="$first" -v b="$v" 'BEGIN{printf "%.2f", a/(b>0?b:1)}')"
done <<< "$out"
