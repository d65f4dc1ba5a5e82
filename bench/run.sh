#!/usr/bin/env bash
# The benchmark, as OCI Functions runs the function: bench/run.sh [--output FILE] [--runs N] [--warm-events N]
#   [--skip-sweep | --sweep-only] [--sweep-per-type 68] [--sweep-latency-ms 20] [--sweep-throttle 60]
#   [--sweep-concurrency 16] [--sweep-deadline-seconds 90] [--sweep-timeout-seconds 120] [--sweep-retry-attempts 6]
#   [--sweep-max-ram 256m] [--layout NAME=DIR]
#   Builds the reactor, lays out cmk-guard exactly as the Dockerfile does (functions/cmk-guard/image/layout.sh:
#   slim jars, JVM flags, class archive from a training run), builds and lays out an FDK hello-world the same
#   way, then measures cold starts (fresh JVM each, alternated, MaxRAM 128m and 256m) and 1000 warm events
#   over the FDK's unix socket, the emulator in its own process. Then the sweep throughput: a generated world
#   (68 per type and compartment = 9 996 resources) behind the emulator's latency and 429 throttle, one
#   function JVM swept over the socket, continuations followed until complete (--skip-sweep leaves it out,
#   --sweep-only runs nothing else). Prints a table; --output also writes JSON.
#   Extra cold-start variants: --layout NAME=DIR (a directory built with layout.sh), e.g. another JVM.
#   JAVA=/path/to/java picks the JVM the function runs on (default: java on PATH).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
fn=functions/cmk-guard
work=bench/target/fn-bench
runtime="$root/$fn/target/fn-runtime"

mvn -q -B -DskipTests install
[ -f "$runtime/lib/libfnunixsocket.so" ] || { echo "bench: $runtime/lib/libfnunixsocket.so was not built (no C compiler?)" >&2; exit 1; }
mvn -q -B dependency:build-classpath -pl emulator -Dmdep.outputFile="$root/$work.emulator.classpath" >/dev/null
mvn -q -B dependency:build-classpath -pl bench -Dmdep.outputFile="$root/$work.bench.classpath" >/dev/null
emulator_cp="$root/emulator/target/cmk-guard-emulator-0.1.0.jar:$(cat "$work.emulator.classpath")"
mkdir -p "$work"

echo "laying out cmk-guard as the image does..."
$fn/image/layout.sh slim "$work/cmk-guard" $fn/target/cmk-guard-function-0.1.0.jar $fn/target/lib/*.jar
# shellcheck disable=SC2046 # one argument per training event
$fn/image/layout.sh train "$work/cmk-guard" "$runtime" "$emulator_cp" io.cmkguard.fn.CmkGuardFunction::handleRequest \
  $fn/image/train-config $(sed -e '/^#/d' -e '/^$/d' -e 's#^#events/samples/#' $fn/image/train-events) >/dev/null

echo "building and laying out the FDK hello-world the same way..."
rm -rf "$work/hello-classes" && mkdir -p "$work/hello-classes"
javac --release 17 -d "$work/hello-classes" bench/hello/HelloFunction.java
jar cf "$work/hello-function.jar" -C "$work/hello-classes" .
$fn/image/layout.sh slim "$work/hello" "$work/hello-function.jar"
$fn/image/layout.sh train "$work/hello" "$runtime" "$emulator_cp" bench.hello.HelloFunction::handleRequest /dev/null >/dev/null

java -XX:+UseSerialGC -cp "bench/target/classes:$(cat "$work.bench.classpath")" io.cmkguard.bench.FnBench \
  --runtime "$runtime" --emulator-cp "$emulator_cp" --samples events/samples --work "$work" \
  --layout cmkGuard="$work/cmk-guard" --layout helloWorld="$work/hello" "$@"
