#!/usr/bin/env bash
# The benchmark, as OCI Functions runs the function: bench/run.sh [--output FILE] [--runs N] [--warm-events N]
#   [--skip-sweep | --sweep-only] [--sweep-per-type 68] [--sweep-latency-ms 20] [--sweep-throttle 60,200]
#   [--sweep-concurrency 16] [--sweep-deadline-seconds 90] [--sweep-timeout-seconds 120] [--sweep-retry-attempts 6]
#   [--sweep-max-ram 256m] [--layout NAME=DIR] [--chain-resources N [--chain-only] [--chain-OPTION N]...]
#   Builds the reactor, lays out cmk-guard exactly as the Dockerfile does (functions/cmk-guard/image/layout.sh:
#   slim jars, JVM flags, class archive from a training run), builds and lays out an FDK hello-world the same
#   way, then measures cold starts (fresh JVM each, alternated, MaxRAM 128m and 256m) and 1000 warm events
#   over the FDK's unix socket, the emulator in its own process. Then the sweep throughput: a generated world
#   (68 per type and compartment = 9 996 resources) behind the emulator's latency and 429 throttle, one
#   function JVM swept over the socket, continuations followed until complete, at each throttle (--skip-sweep
#   leaves it out, --sweep-only runs nothing else). With --chain-resources N (bench/sweep.sh: 50 000) a sweep of N
#   resources that the chain carries on itself (detached self-invocations run by the emulator; see bench/sweep.sh).
#   Prints a table; --output also writes JSON.
#   Request signing: the shipped layout signs natively (Amazon Corretto Crypto Provider, io.cmkguard.oci.NativeSigning);
#   two more layouts are built the same way: jdkSigning (the provider's jar left out: the JDK signs, as before)
#   and conscrypt (Conscrypt 2.5.2 in its place). All three are cold-started in the same alternated rounds, each
#   run followed by a second event that starts the provider's load; jdkSigning is also measured warm and in
#   the sweep (--compare), so before and after come from one run.
#   Extra cold-start variants: --layout NAME=DIR (a directory built with layout.sh), e.g. another JVM.
#   JAVA=/path/to/java picks the JVM the function runs on (default: java on PATH).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
fn=functions/cmk-guard
work=bench/target/fn-bench
runtime="$root/$fn/target/fn-runtime"

mkdir -p "$(dirname "$work")"
# package, not install (~/.m2 is shared): the class paths resolve the modules to their target/ jars in the reactor
mvn -q -B -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
  -pl functions/cmk-guard,emulator,bench -am >/dev/null
[ -f "$runtime/lib/libfnunixsocket.so" ] || { echo "bench: $runtime/lib/libfnunixsocket.so was not built (no C compiler?)" >&2; exit 1; }
cp emulator/target/bench.classpath "$work.emulator.classpath"
cp bench/target/bench.classpath "$work.bench.classpath"
emulator_cp="$root/emulator/target/cmk-guard-emulator-0.1.0.jar:$(cat "$work.emulator.classpath")"

echo "laying out cmk-guard as the image does..."
$fn/image/layout.sh slim "$work/cmk-guard" $fn/target/cmk-guard-function-0.1.0.jar $fn/target/lib/*.jar
# shellcheck disable=SC2046 # one argument per training event
$fn/image/layout.sh train "$work/cmk-guard" "$runtime" "$emulator_cp" io.cmkguard.fn.CmkGuardFunction::handleRequest \
  $fn/image/train-config $(sed -e '/^#/d' -e '/^$/d' -e 's#^#events/samples/#' $fn/image/train-events) >/dev/null

echo "laying out the same function signing with the JDK only, and with Conscrypt instead..."
accp=$(ls $fn/target/lib/AmazonCorrettoCryptoProvider-*.jar)
others=$(ls $fn/target/lib/*.jar | grep -v AmazonCorrettoCryptoProvider)
mvn -q -B dependency:copy -Dartifact=org.conscrypt:conscrypt-openjdk-uber:2.5.2 -DoutputDirectory="$root/$work-providers" >/dev/null
for variant in jdkSigning conscrypt; do
  extra=""; [ "$variant" = conscrypt ] && extra="$work-providers/conscrypt-openjdk-uber-2.5.2.jar"
  # shellcheck disable=SC2086 # one argument per jar
  $fn/image/layout.sh slim "$work/$variant" $fn/target/cmk-guard-function-0.1.0.jar $others $extra
  # shellcheck disable=SC2046 # one argument per training event
  $fn/image/layout.sh train "$work/$variant" "$runtime" "$emulator_cp" io.cmkguard.fn.CmkGuardFunction::handleRequest \
    $fn/image/train-config $(sed -e '/^#/d' -e '/^$/d' -e 's#^#events/samples/#' $fn/image/train-events) >/dev/null
done
echo "  provider jars: $(du -k "$accp" | cut -f1) KB (Amazon Corretto Crypto Provider), $(du -k "$work-providers/conscrypt-openjdk-uber-2.5.2.jar" | cut -f1) KB (Conscrypt)"

echo "building and laying out the FDK hello-world the same way..."
rm -rf "$work/hello-classes" && mkdir -p "$work/hello-classes"
javac --release 17 -d "$work/hello-classes" bench/hello/HelloFunction.java
jar cf "$work/hello-function.jar" -C "$work/hello-classes" .
$fn/image/layout.sh slim "$work/hello" "$work/hello-function.jar"
$fn/image/layout.sh train "$work/hello" "$runtime" "$emulator_cp" bench.hello.HelloFunction::handleRequest /dev/null >/dev/null

java -XX:+UseSerialGC -cp "bench/target/classes:$(cat "$work.bench.classpath")" io.cmkguard.bench.FnBench \
  --runtime "$runtime" --emulator-cp "$emulator_cp" --samples events/samples --work "$work" \
  --layout cmkGuard="$work/cmk-guard" --layout helloWorld="$work/hello" \
  --layout jdkSigning="$work/jdkSigning" --layout conscrypt="$work/conscrypt" --compare jdkSigning "$@"
