#!/usr/bin/env bash
# Batch files (bench/README.md, "Batch files"): kr-csv batch files of 1, 10 and 100 MiB, each dropped into the
# file-drop folder of a fresh hub with a 512 MiB heap, timed from the drop to the result report, with the hub's heap,
# collections and CPU samples (JFR). Builds the hub jar and the bench jar, prints the report and writes it to
# bench/results/batch-<UTC time>.{json,md}.
#
#   nice -n 19 bench/run-batch.sh                                  # 1, 10, 100 MiB; the 100 MiB file alone takes minutes
#   nice -n 19 bench/run-batch.sh --sizes=1,10 --warmup=0           # any option: --help
#   SMOKE=1 nice -n 19 bench/run-batch.sh                          # does everything run? 0.5 and 1 MiB
#
# The hub runs in a child JVM, which inherits the niceness. Maven flags go in MVN_ARGS (e.g. MVN_ARGS=-o);
# SKIP_BUILD=1 uses the jars as they are.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${SKIP_BUILD:-0}" != 1 ]; then
    # (Maven's output to stderr: stdout carries only the report)
    mvn -B -q ${MVN_ARGS:-} package -DskipTests >&2
    mvn -B -q ${MVN_ARGS:-} -f bench/pom.xml package >&2
fi

smoke=()
if [ "${SMOKE:-0}" = 1 ]; then
    smoke=(--sizes=0.5,1 --warmup=0.25)
fi
exec java -cp bench/target/benchmarks.jar org.originhub.bench.batch.BatchBench "${smoke[@]}" "$@"
