#!/usr/bin/env bash
# JMH micro-benchmarks of the hub's stages (bench/README.md). Builds the hub's plain jar and the benchmark
# jar, then runs JMH with the long warm-up that 2 cores need (../shared/research/performance.md §1) and
# writes the JSON results, with a note of the machine and commit, to bench/results/.
#
#   bench/run-micro.sh                                      # everything, about 50 minutes
#   bench/run-micro.sh 'FormdXmlScaling.*(floor|toCanonical)' -p items=1,999
#   SMOKE=1 bench/run-micro.sh NationalFormats              # does it run? one short iteration each
#
# Arguments are JMH's (a benchmark regex, -p, -t, ...), except the ones set below: change those with the
# variables (JMH refuses an option given twice). On a shared machine prefix the command with `nice -n 19`.
set -euo pipefail
cd "$(dirname "$0")/.."

forks=${FORKS:-2}
warmup_iterations=${WARMUP_ITERATIONS:-10}
warmup_time=${WARMUP_TIME:-2s}
iterations=${ITERATIONS:-5}
iteration_time=${ITERATION_TIME:-2s}
threads=${THREADS:-1}           # 2 threads on 2 cores starve the JIT compiler for tens of seconds
profilers=${PROFILERS-gc}       # gc: allocation per operation (gc.alloc.rate.norm); empty for none
if [ "${SMOKE:-0}" = 1 ]; then
    forks=1 warmup_iterations=1 warmup_time=1s iterations=1 iteration_time=1s
fi

if [ "${SKIP_BUILD:-0}" != 1 ]; then
    # the hub's plain jar (classifier "classes") into the local repository, then the benchmark jar on it
    mvn -B -q ${MVN_ARGS:-} install -DskipTests
    mvn -B -q ${MVN_ARGS:-} -f bench/pom.xml package
fi

mkdir -p bench/results
stamp=$(date -u +%Y%m%dT%H%M%SZ)
result=bench/results/micro-$stamp.json
{
    echo "started: $stamp"
    echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD 2>/dev/null || echo ' (with local changes)')"
    echo "cpus: $(nproc)"
    echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
    java -version 2>&1
    echo "jmh: -f $forks -wi $warmup_iterations -w $warmup_time -i $iterations -r $iteration_time -t $threads prof=${profilers:-none} $*"
} > "bench/results/micro-$stamp.txt"

prof_args=()
for p in $profilers; do prof_args+=(-prof "$p"); done

java -jar bench/target/benchmarks.jar \
    -f "$forks" -wi "$warmup_iterations" -w "$warmup_time" -i "$iterations" -r "$iteration_time" -t "$threads" \
    "${prof_args[@]}" -rf json -rff "$result" "$@"

echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "bench/results/micro-$stamp.txt"
echo "results: $result (machine and settings: bench/results/micro-$stamp.txt)"
