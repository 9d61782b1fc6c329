#!/usr/bin/env bash
# Sync benchmark: a libvirt test-driver host holding 1,000 and 10,000 domains synced into H2
# (first sync, repeat sync, sync after 1 % changed), side by side with virsh listing the same
# node file ('virsh list --all' and 'virsh list --all' + 'dominfo' of every domain is what a
# person would script). Target: a 10,000-domain sync under 1 s.
# Usage: bench/virt-sync.sh [--check] [SIZES...]   (default: 1000 10000)
#   --check: build the class path and find the tools, without measuring
cd "$(dirname "$0")/.."
source bench/lib.sh
((CHECK)) && shift
sizes=("${@:-1000}")
(($# == 0)) && sizes=(1000 10000)
[[ -e /usr/lib/x86_64-linux-gnu/libvirt.so.0 || -e /usr/lib/libvirt.so.0 ]] || ldconfig -p | grep -q libvirt.so.0 \
    || { echo "$BENCH: libvirt's library is missing; install the Debian package libvirt0" >&2; exit 2; }
peer virsh libvirt-clients
test_classpath
checked
step "running VirtSyncBench"
out=$(java -Xmx1g -XX:+UseSerialGC -cp "$CP" org.clusterdeck.virt.VirtSyncBench "${sizes[@]}" 2>target/virt-sync-bench.log) || { echo "benchmark failed; see target/virt-sync-bench.log" >&2; tail -5 target/virt-sync-bench.log >&2; exit 1; }
echo "$out"
echo
echo "peer: virsh opening the same node file and listing every domain (libvirt only, nothing stored),"
echo "against ClusterDeck's connect + first sync (libvirt + H2)"
printf "%7s  %14s  %22s  %6s\n" domains virsh_list_ms clusterdeck_connect+sync ratio
while read -r line; do
  n=$(awk '{print $1}' <<< "$line")
  [[ $n =~ ^[0-9]+$ ]] || continue
  connect=$(awk '{print $2}' <<< "$line")
  first=$(awk '{print $3}' <<< "$line")
  file=$(grep -o '/[^ ]*\.xml' <<< "$line")
  step "timing virsh on $file"
  s=$(date +%s%N); virsh -c "test://$file" "list --all" >/dev/null; e=$(date +%s%N)
  v=$(( (e - s) / 1000000 ))
  ours=$((connect + first))
  printf "%7d  %14d  %22d  %6s\n" "$n" "$v" "$ours" "$(awk -v a="$ours" -v b="$v" 'BEGIN{printf "%.2f", a/(b>0?b:1)}')"
done <<< "$out"
