#!/usr/bin/env bash
# Sweep throughput: builds what the benchmark needs and prints its figures. Options pass through, e.g.
#   bench/sweep.sh --per-type 68 --latency-ms 20 --throttle 500 --concurrency 16 --json target/sweep-bench.json
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn -q -B -DskipTests install -pl bench -am
mvn -q -B dependency:build-classpath -pl bench -Dmdep.outputFile=target/bench.classpath >/dev/null
java -cp "bench/target/classes:$(cat bench/target/bench.classpath)" io.cmkguard.bench.SweepBench "$@"
