#!/usr/bin/env bash
# Builds what the benchmark needs and prints its figures. Options pass through, e.g. --cold-runs 5 --warm-events 2000.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn -q -B -DskipTests install -pl bench -am
mvn -q -B dependency:build-classpath -pl bench -Dmdep.outputFile=target/bench.classpath >/dev/null
java -XX:+UseSerialGC -cp "bench/target/classes:$(cat bench/target/bench.classpath)" io.cmkguard.bench.PipelineBench "$@"
