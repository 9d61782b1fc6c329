# Sourced by every bench/*.sh: names the step that failed, parses --check, builds the class
# path, and looks for peer tools. Maven runs online (never forced offline): a fresh machine
# downloads the pinned plugins the first time.
set -Eeuo pipefail
BENCH=$(basename "$0")
STEP="starting"
CHECK=0
if [[ ${1:-} == --check ]]; then
    CHECK=1
fi
trap 'rc=$?; echo "$BENCH: FAILED while $STEP (exit $rc). Run that step by hand to see the whole error." >&2; exit $rc' ERR

# step "what is being done": named in the failure message if the next commands fail
step() {
    STEP=$1
    echo "$BENCH: $STEP" >&2
}

# needs_root: the lab (network namespaces) needs root; exit 3 says so (BenchScriptsTest skips on it)
needs_root() {
    if [[ $(id -u) -ne 0 ]]; then
        echo "$BENCH: needs root (the lab hosts are network namespaces); run it as root" >&2
        exit 3
    fi
}

# require TOOL PACKAGE: a tool the script itself needs; missing is a failure that names the package
require() {
    if ! command -v "$1" >/dev/null 2>&1; then
        echo "$BENCH: '$1' is missing; install the Debian package $2 (apt-get install -y $2)" >&2
        exit 2
    fi
}

# peer TOOL PACKAGE: the tool measured side by side; --check reports it, a real run needs it
peer() {
    if command -v "$1" >/dev/null 2>&1; then
        echo "$BENCH: peer $1: $(command -v "$1")" >&2
    elif ((CHECK)); then
        echo "$BENCH: peer $1 is not installed; the measurement needs it: apt-get install -y $2" >&2
    else
        echo "$BENCH: peer $1 is not installed; install the Debian package $2 (apt-get install -y $2)" >&2
        exit 2
    fi
}

# test_classpath: compiles the tests and writes target/bench-cp.txt; sets CP to the full class path
test_classpath() {
    require mvn maven
    require java openjdk-17-jdk-headless
    step "compiling (mvn test-compile)"
    mvn -B -q -ntp test-compile >&2
    step "building the class path (mvn dependency:build-classpath)"
    mvn -B -q -ntp dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt -Dmdep.includeScope=test >&2
    [[ -s target/bench-cp.txt ]] || { STEP="reading target/bench-cp.txt"; false; }
    CP="target/classes:target/test-classes:$(cat target/bench-cp.txt)"
}

# app_jar: target/clusterdeck.jar, built when missing; checked by running 'db info' once
app_jar() {
    require mvn maven
    require java openjdk-17-jdk-headless
    if [[ ! -f target/clusterdeck.jar ]]; then
        step "building target/clusterdeck.jar (mvn package -DskipTests)"
        mvn -B -q -ntp package -DskipTests >&2
    fi
    step "starting the jar once (clusterdeck db info)"
    local d
    d=$(mktemp -d)
    java -jar target/clusterdeck.jar --data-dir "$d/data" db info >/dev/null
    rm -rf "$d"
}

# checked: ends a --check run after the set-up, before the long measurement
checked() {
    if ((CHECK)); then
        echo "$BENCH: check passed (set-up works; the measurement was not run)"
        exit 0
    fi
}
