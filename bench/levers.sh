#!/usr/bin/env bash
# Measures the start-up levers one by one (docs/benchmarks.md): bench/levers.sh [FnBench options, e.g. --runs 5 --warm-events 0]
# Each variant is a layout built by the image's own layout.sh, cold-started in the same alternated rounds.
# Run bench/run.sh first (it builds the reactor and the shipped layouts under bench/target/fn-bench).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
fn=functions/cmk-guard
work=bench/target/fn-bench
runtime="$root/$fn/target/fn-runtime"
emulator_cp="$root/emulator/target/cmk-guard-emulator-0.1.0.jar:$(cat "$work.emulator.classpath")"
events=$(sed -e '/^#/d' -e '/^$/d' -e 's#^#events/samples/#' $fn/image/train-events)   # as the image trains
image_flags=$'-XX:+UseSerialGC\n-XX:-UsePerfData\n-Xshare:auto'
train() { # name java flags
  local dir="$work/lever-$1"
  JAVA="$2" JVM_FLAGS="$3" $fn/image/layout.sh slim "$dir" $fn/target/cmk-guard-function-0.1.0.jar $fn/target/lib/*.jar
  JAVA="$2" $fn/image/layout.sh train "$dir" "$runtime" "$emulator_cp" io.cmkguard.fn.CmkGuardFunction::handleRequest \
    $fn/image/train-config $events >/dev/null
  layouts+=(--layout "$1=$dir")
}
layouts=()
# stock: the jars as Maven ships them (signed, full manifests), the Fn image's flags, no archive
stock="$work/lever-stock"; rm -rf "$stock"; mkdir -p "$stock/app"
cp $fn/target/cmk-guard-function-0.1.0.jar $fn/target/lib/*.jar "$stock/app/"
printf '%s\n' "$image_flags" > "$stock/jvm.args"
echo io.cmkguard.fn.CmkGuardFunction::handleRequest > "$stock/entry"; command -v java > "$stock/java"
layouts+=(--layout "stock=$stock")
# slim jars only
slim="$work/lever-slim"; JVM_FLAGS="$image_flags" $fn/image/layout.sh slim "$slim" $fn/target/cmk-guard-function-0.1.0.jar $fn/target/lib/*.jar
cp "$stock/entry" "$stock/java" "$slim/"; layouts+=(--layout "slim=$slim")
train slimCds java "$image_flags"
train slimCdsC1 java "$image_flags"$'\n-XX:TieredStopAtLevel=1'
train slimCdsC2only java "$image_flags"$'\n-XX:-TieredCompilation'
t25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
if [ -x "$t25" ]; then
  train jdk25Aot "$t25" "$image_flags"
  train jdk25AotC1 "$t25" "$image_flags"$'\n-XX:TieredStopAtLevel=1'
  # the hello-world on the same JVM and flags, for a same-JVM ratio (a layout named hello* is a hello-world)
  JAVA="$t25" JVM_FLAGS="$image_flags"$'\n-XX:TieredStopAtLevel=1' $fn/image/layout.sh slim "$work/lever-hello25" "$work/hello-function.jar"
  JAVA="$t25" $fn/image/layout.sh train "$work/lever-hello25" "$runtime" "$emulator_cp" bench.hello.HelloFunction::handleRequest \
    /dev/null >/dev/null
  layouts+=(--layout "helloJdk25AotC1=$work/lever-hello25")
fi
java -XX:+UseSerialGC -cp "bench/target/classes:$(cat "$work.bench.classpath")" io.cmkguard.bench.FnBench \
  --runtime "$runtime" --emulator-cp "$emulator_cp" --samples events/samples --work "$work" \
  --layout cmkGuard="$work/cmk-guard" --layout helloWorld="$work/hello" "${layouts[@]}" --skip-sweep "$@"
