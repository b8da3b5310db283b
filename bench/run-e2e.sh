#!/usr/bin/env bash
# End-to-end load driver (bench/README.md, "End to end"): the plain Camel reference, the sending hub alone, then two
# hubs (TH → VN, signed, persistent) closed loop and open loop. Builds the hub jar and the bench jar, runs the phases
# one after the other, prints the report and writes it to bench/results/e2e-<UTC time>.{json,md}.
#
#   nice -n 19 bench/run-e2e.sh                                   # everything, about 7 minutes
#   nice -n 19 bench/run-e2e.sh --measure=120 --clients=8         # any option: --help
#   SMOKE=1 nice -n 19 bench/run-e2e.sh                           # does everything run? short windows
#
# The child JVMs (two hubs, the reference) inherit the niceness. Maven flags go in MVN_ARGS (e.g. MVN_ARGS=-o);
# SKIP_BUILD=1 uses the jars as they are.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${SKIP_BUILD:-0}" != 1 ]; then
    # target/originhub.jar (the hubs) and target/originhub-classes.jar (the reference's schema and stylesheet)
    # (Maven's output to stderr: stdout carries only the report)
    mvn -B -q ${MVN_ARGS:-} package -DskipTests >&2
    # bench/target/benchmarks.jar; compiled against the hub's classes jar in ~/.m2 (mvn install, bench/README.md)
    mvn -B -q ${MVN_ARGS:-} -f bench/pom.xml package >&2
fi

smoke=()
if [ "${SMOKE:-0}" = 1 ]; then
    smoke=(--warmup=10 --measure=10 --open-warmup=5 --drain-timeout=60)
fi
# the hub's classes jar first, so that the reference runs the schema and stylesheet of the hub jar under test
exec java -cp target/originhub-classes.jar:bench/target/benchmarks.jar org.originhub.bench.e2e.E2eBench \
    "${smoke[@]}" "$@"
