#!/usr/bin/env bash
# The merge job of scripts/slurm/submit.sh, run after every array task has ended.
#   merge.sh ROOT JOBDIR N REPORTS ARRAY_JOB_ID [--deterministic] [other verify options, ignored]
# Merges only when all N shards are present (each was written atomically by its task);
# otherwise it names the missing tasks with the end of their logs, writes nothing to
# REPORTS and exits 3. JOBDIR/merge.status says `merged` or `missing: i j ...`.
set -uo pipefail
root=$1 jobdir=$2 n=$3 reports=$4 array=$5
shift 5
flags=()
for a in "$@"; do [[ $a == --deterministic ]] && flags+=(--deterministic); done
cd "$root" || exit 1
. scripts/blas-env.sh
missing=()
files=()
for i in $(seq 1 "$n"); do
  if [[ -s "$jobdir/shard-$i.json" ]]; then files+=("$jobdir/shard-$i.json"); else missing+=("$i"); fi
done
if ((${#missing[@]})); then
  echo "merge: ${#missing[@]} of $n tasks of array job $array produced no shard: ${missing[*]}"
  echo "merge: (cancelled, timed out, or failed twice); nothing was merged into $reports"
  for i in "${missing[@]}"; do
    echo "--- task $i (job ${array}_$i), end of $jobdir/task-$i.log:"
    tail -n 5 "$jobdir/task-$i.log" 2>/dev/null || echo "(no log: the task never started)"
  done
  echo "missing: ${missing[*]}" >"$jobdir/merge.status"
  exit 3
fi
# What each task cost (the last attempt's line in its log), and the spread of the CPU times.
grep -h "cost .* s wall" "$jobdir"/task-*.log | sort -V >"$jobdir/cost.txt"
awk '{ cpu = $(NF - 5) + $(NF - 2); t += cpu; if (n == 0 || cpu > hi) hi = cpu; if (n == 0 || cpu < lo) lo = cpu; n++ }
  END { if (n) printf "all %d tasks: %.0f CPU s (%.2f CPU-hours); spread (max - min)/mean of the tasks: %.0f %%\n", n, t, t / 3600, 100 * (hi - lo) / (t / n) }' \
  "$jobdir/cost.txt" >>"$jobdir/cost.txt"
cat "$jobdir/cost.txt"
.build/release/fprinciple report --merge "${files[@]}" --reports "$reports" "${flags[@]}"
rc=$?
# report exits 1 when a theorem does not hold or a control does not fail: the reports are written.
if ((rc == 0 || rc == 1)); then echo merged >"$jobdir/merge.status"; else echo "error: exit $rc" >"$jobdir/merge.status"; fi
exit $rc
