#!/usr/bin/env bash
# Builds installers with jpackage (JDK 17): an app-image, and a .deb or .rpm when their tools exist.
# Usage: installer/package.sh [app-image|deb|rpm]   (default: app-image)
# The runtime is trimmed to the modules jdeps finds in the fat jar. Output: target/installer/.
# Windows (.msi, needs WiX) and macOS (.dmg) use the same jpackage call on those systems with
# --type msi|dmg and the icon in .ico/.icns form; they cannot be built from Linux.
set -euo pipefail
cd "$(dirname "$0")/.."
type=${1:-app-image}
version=$(sed -n 's:.*<version>\([0-9][0-9.]*\)</version>.*:\1:p' pom.xml | head -1)
[[ -f target/clusterdeck.jar ]] || mvn -B -q -ntp package -DskipTests
rm -rf target/installer target/jpackage-input
mkdir -p target/jpackage-input target/installer
cp target/clusterdeck.jar target/jpackage-input/
modules=$(jdeps --ignore-missing-deps --multi-release 17 --print-module-deps target/clusterdeck.jar 2>/dev/null || true)
# JavaFX, JNA, H2 and Netty reach these reflectively or natively; jdeps cannot see it.
modules="${modules:+$modules,}java.desktop,java.naming,java.sql,java.management,jdk.unsupported,jdk.crypto.ec,java.scripting,jdk.zipfs"
args=(--name ClusterDeck --app-version "$version" --vendor "ClusterDeck"
      --description "See the whole cluster, change it safely, and prove that the change helped."
      --input target/jpackage-input --main-jar clusterdeck.jar --main-class org.clusterdeck.Main
      --add-modules "$modules" --jlink-options "--strip-debug --no-man-pages --no-header-files"
      --java-options "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xms48m -Xmx512m"
      --icon icons/png/clusterdeck-256.png --dest target/installer)
case $type in
  app-image) jpackage --type app-image "${args[@]}" ;;
  deb) jpackage --type deb "${args[@]}" --linux-package-deps "libgtk-3-0, libvirt0" \
         --linux-menu-group "System" --linux-shortcut --linux-app-category admin ;;
  rpm) jpackage --type rpm "${args[@]}" --linux-shortcut ;;
  *) echo "usage: installer/package.sh [app-image|deb|rpm]" >&2; exit 2 ;;
esac
du -sh target/installer/* | sed 's/^/built: /'
