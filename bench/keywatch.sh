#!/usr/bin/env bash
# Key-health watch: builds what the benchmark needs and prints its figures. Options pass through, e.g.
#   bench/keywatch.sh --per-type 20 --latency-ms 20 --deadline-seconds 20
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn -q -B -DskipTests install -pl bench -am
mvn -q -B dependency:build-classpath -pl bench -Dmdep.outputFile=target/bench.classpath >/dev/null
java -cp "bench/target/classes:$(cat bench/target/bench.classpath)" io.cmkguard.bench.KeyWatchBench "$@"
