#!/usr/bin/env bash
# CPU of each thread group of running JVMs over an interval, read from /proc (no agent, no safepoints): which threads
# of a hub spend its cores once it is warm. Thread names are grouped with their numbers taken out (task-3 -> task).
#
#   bench/thread-cpu.sh 100 <pid> [<pid>...]       # 100 s, one or more processes
#
# During a bench/run-e2e.sh phase, start it after the warm-up with the hubs' process ids (pgrep -f originhub.hub.name).
# Output: per process its total in cores (1.0 = one core busy), then each thread group's, largest first.
set -euo pipefail
seconds=${1:?usage: thread-cpu.sh <seconds> <pid>...}
shift
[ $# -gt 0 ] || { echo "usage: thread-cpu.sh <seconds> <pid>..." >&2; exit 2; }
before=$(mktemp) after=$(mktemp)
trap 'rm -f "$before" "$after"' EXIT

snapshot() {
    for pid in "$@"; do
        for task in /proc/"$pid"/task/*; do
            # comm is the thread name (15 characters at most); fields 14 and 15 of stat are user and system ticks
            printf '%s|%s|%s|%s\n' "$pid" "$(cat "$task/comm" 2>/dev/null)" "${task##*/}" \
                "$(awk '{print $14 + $15}' "$task/stat" 2>/dev/null)"
        done
    done
}

snapshot "$@" > "$before"
sleep "$seconds"
snapshot "$@" > "$after"

python3 - "$seconds" "$(getconf CLK_TCK)" "$before" "$after" <<'PY'
import collections, re, sys
seconds, hz, before, after = float(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
start = {}
for line in open(before):
    pid, name, tid, ticks = line.rstrip('\n').split('|')
    start[(pid, tid)] = int(ticks or 0)
groups, totals = collections.Counter(), collections.Counter()
for line in open(after):
    pid, name, tid, ticks = line.rstrip('\n').split('|')
    used = int(ticks or 0) - start.get((pid, tid), 0)
    group = re.sub(r'\d+', 'N', re.sub(r'[-_ #]?\d+$', '', name))
    groups[(pid, group)] += used
    totals[pid] += used
for pid, used in totals.items():
    print(f'{pid} total {used / hz / seconds:.3f} cores')
for (pid, group), used in groups.most_common():
    if used > 0:
        print(f'{pid} {group:<20} {used / hz / seconds:.3f}')
PY
