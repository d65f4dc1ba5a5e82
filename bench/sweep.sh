#!/usr/bin/env bash
# Sweep throughput alone, as OCI Functions runs it (see bench/run.sh): bench/run.sh --sweep-only, e.g.
#   bench/sweep.sh --sweep-per-type 68 --sweep-latency-ms 20 --sweep-throttle 60 --output target/sweep-bench.json
exec "$(dirname "$0")/run.sh" --sweep-only "$@"
