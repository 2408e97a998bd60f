#!/usr/bin/env bash
# One array task of scripts/slurm/submit.sh: shard $SLURM_ARRAY_TASK_ID of N.
#   task.sh ROOT JOBDIR N PROFILE [verify options...]
# Runs `fprinciple verify --shard i/N`, which writes JOBDIR/shard-i.json atomically (a task
# killed mid-run leaves none); a failed attempt is retried once. Each attempt's wall and CPU
# seconds go to the task's log (`task i/N: cost … s wall, … s user, … s system`), which the
# merge job sums into JOBDIR/cost.txt.
set -uo pipefail
root=$1 jobdir=$2 n=$3 profile=$4
shift 4
i=${SLURM_ARRAY_TASK_ID:?task.sh runs as a Slurm array task}
cd "$root" || exit 1
. scripts/blas-env.sh
for attempt in 1 2; do
  echo "task $i/$n (job ${SLURM_ARRAY_JOB_ID:-?}_$i on $(hostname -s)), attempt $attempt, $(date -u +%FT%TZ)"
  TIMEFORMAT="task $i/$n: cost %R s wall, %U s user, %S s system"
  time .build/release/fprinciple verify --theorems Theorems --profile "$profile" --shard "$i/$n" \
    --output "$jobdir/shard-$i.json" "$@"
  rc=$?
  if ((rc == 0)) && [[ -s "$jobdir/shard-$i.json" ]]; then
    echo "task $i/$n: done, $(date -u +%FT%TZ)"
    exit 0
  fi
  echo "task $i/$n: attempt $attempt failed (exit $rc)" >&2
done
exit 1
