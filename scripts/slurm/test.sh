#!/usr/bin/env bash
# End-to-end test of the Slurm scripts against a real local cluster (local-cluster.sh):
#  1. the quick profile through submit.sh as 4 array tasks + the merge job gives reports
#     byte-identical to one process's `verify --quick --deterministic`;
#  2. an array task cancelled mid-run (scancel JOB_2) is named by the merge job, which
#     merges nothing (exit 3, merge.status `missing: 2`, no README.md written).
# Run by .ci/run when FPRINCIPLE_SLURM_TEST=1; needs root. Prints the evidence (job ids,
# task states, the diff) and ends with `N passed, M failed`.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
work=$(mktemp -d /tmp/fprinciple-slurm-test.XXXXXX)
export FPRINCIPLE_SLURM_JOBS=$work/jobs
eval "$(bash scripts/slurm/local-cluster.sh start)"
bash scripts/bootstrap.sh
. scripts/blas-env.sh
swift build -c release --product fprinciple
passed=0 failed=0
check() { if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi; }

wait_job() { # waits until job $1 has left the queue (at most $2 seconds)
  local t=0
  while squeue -h -j "$1" 2>/dev/null | grep -q .; do
    sleep 2; t=$((t + 2))
    if ((t > $2)); then echo "test: job $1 still queued after $2 s" >&2; scancel "$1"; return 1; fi
  done
}

echo "== single process: verify --quick --deterministic"
.build/release/fprinciple verify --theorems Theorems --quick --deterministic --reports "$work/single" \
  >"$work/single.log" 2>&1 || true
echo "== submit.sh --profile quick --shards 4"
out=$(bash scripts/slurm/submit.sh --profile quick --shards 4 --reports "$work/slurm" --deterministic --no-build)
echo "$out"
merge=$(echo "$out" | sed -n 's/^merge job: //p')
array=$(echo "$out" | sed -n 's/^array job: \([0-9]*\).*/\1/p')
jobdir=$(echo "$out" | sed -n 's/^job directory: //p')
squeue -h -o '%i %j %T' || true
wait_job "$merge" 1800
echo "-- merge log:"; cat "$jobdir/merge.log"
merged_ok() {
  [[ $(cat "$jobdir/merge.status") == merged ]] || { echo "FAIL: merge.status is $(cat "$jobdir/merge.status")"; return 1; }
  if diff -r "$work/single" "$work/slurm" >"$work/diff.txt"; then
    echo "PASS: merged reports of array job $array (4 tasks) and merge job $merge are byte-identical to the single run ($(ls "$work/slurm" | wc -l) files)"
  else
    echo "FAIL: reports differ:"; head -40 "$work/diff.txt"; return 1
  fi
}
check merged_ok

echo "== a task cancelled mid-run"
out=$(bash scripts/slurm/submit.sh --profile quick --shards 4 --reports "$work/killed" --deterministic --no-build)
echo "$out"
merge=$(echo "$out" | sed -n 's/^merge job: //p')
array=$(echo "$out" | sed -n 's/^array job: \([0-9]*\).*/\1/p')
jobdir=$(echo "$out" | sed -n 's/^job directory: //p')
for _ in $(seq 300); do
  [[ $(squeue -h -j "${array}_2" -o '%T' 2>/dev/null) == RUNNING ]] && break
  sleep 0.5
done
sleep 2
echo "cancelling ${array}_2 (state $(squeue -h -j "${array}_2" -o '%T' 2>/dev/null))"
scancel "${array}_2"
wait_job "$merge" 1800
echo "-- merge log:"; cat "$jobdir/merge.log"
killed_reported() {
  grep -q "produced no shard: 2$" "$jobdir/merge.log" || { echo "FAIL: the merge log does not name task 2"; return 1; }
  [[ $(cat "$jobdir/merge.status") == "missing: 2" ]] || { echo "FAIL: merge.status is $(cat "$jobdir/merge.status")"; return 1; }
  [[ ! -e "$work/killed/README.md" ]] || { echo "FAIL: reports were written although a shard is missing"; return 1; }
  echo "PASS: the merge job $merge named cancelled task ${array}_2 and merged nothing"
}
check killed_reported

bash scripts/slurm/local-cluster.sh stop
echo "slurm: $passed passed, $failed failed"
((failed == 0))
