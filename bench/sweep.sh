#!/usr/bin/env bash
# Sweep throughput alone, as OCI Functions runs it (see bench/run.sh): bench/run.sh --sweep-only, e.g.
#   bench/sweep.sh --sweep-per-type 68 --sweep-latency-ms 20 --sweep-throttle 60 --output target/sweep-bench.json
# Then a sweep that carries itself on: one scheduled body, every further link a detached invocation that the
# emulator runs in the packaged function (a JVM as Fn starts one), until the report is written. Its options:
#   [--chain-resources 50000] [--chain-throttle 60] [--chain-link-seconds 90] [--chain-max-invocations 24]
#   [--chain-max-ram-mb 256]; --chain-resources 0 leaves it out, --chain-only runs nothing else, e.g.
#   bench/sweep.sh --chain-only --chain-resources 10000 --output target/chain-bench.json
# At 60/s a 50 000-resource chain takes ~20 minutes here.
exec "$(dirname "$0")/run.sh" --sweep-only --chain-resources 50000 "$@"
