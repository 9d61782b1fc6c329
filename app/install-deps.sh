#!/usr/bin/env bash
# Installs the Debian packages listed in app/packages-<set>.txt that are not installed yet.
# Usage: app/install-deps.sh run|test
# Needs root for apt-get; without root it prints what is missing and carries on, so that
# tests which need a missing package skip with their reason instead of failing here.
set -euo pipefail
set_name=${1:?usage: install-deps.sh run|test}
list="$(dirname "$0")/packages-$set_name.txt"
[[ -f $list ]] || { echo "install-deps: no package list $list" >&2; exit 2; }

missing=()
while read -r pkg; do
  [[ -z $pkg || $pkg == \#* ]] && continue
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done < "$list"

((${#missing[@]} == 0)) && exit 0
if [[ $(id -u) -ne 0 ]]; then
  echo "install-deps: not root; missing Debian packages: ${missing[*]}" >&2
  echo "install-deps: install them with: sudo apt-get install ${missing[*]}" >&2
  exit 0
fi
echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
# Services are installed for the lab hosts (containers booted from this machine's root), not for this
# machine: a policy-rc.d that says "no" keeps their postinst from starting MariaDB, nginx, sshd here.
policy=/usr/sbin/policy-rc.d
if [[ ! -e $policy ]]; then
  printf '#!/bin/sh\n# clusterdeck install-deps: start no service while installing\nexit 101\n' > "$policy"
  chmod 755 "$policy"
  trap 'rm -f "$policy"' EXIT
fi
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
