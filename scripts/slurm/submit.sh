#!/usr/bin/env bash
# Submits a verification run to Slurm: a job array (one task per shard) and a merge job.
#
#   scripts/slurm/submit.sh [--profile quick|default|full] [--shards N] [--reports DIR]
#                           [--partition P] [--time T] [--cpus C] [--deterministic]
#                           [--only ID ...] [--no-build]
#
# Run from a checkout on a file system the compute nodes share. It builds the release CLI
# once here (skip with --no-build), snapshots the timings that plan the shards (README.json
# of the profile's reports, else of Reports/) into the job directory, and submits
#   - an array of N tasks: `fprinciple verify --profile P --shard $SLURM_ARRAY_TASK_ID/N`
#     (scripts/slurm/task.sh; a failed task is retried once), each writing its shard JSON
#     atomically to the job directory;
#   - a merge job (scripts/slurm/merge.sh) that starts when every task has ended and runs
#     `fprinciple report --merge` into the reports directory. It depends on the array with
#     `afterany`, not `afterok`: with `afterok` a cancelled or failed task would leave the
#     merge job pending forever and nobody would say which shard is missing; the merge job
#     itself refuses to merge unless every shard is complete, and names the missing tasks.
# Job directory: $FPRINCIPLE_SLURM_JOBS (default .slurm-jobs/ in the checkout) /<time>-<pid>/,
# with task-<i>.log, shard-<i>.json, merge.log and merge.status. The last line printed is
# `merge job: ID` (scripts read it).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"

profile=default shards=4 reports="" partition="" time_limit="" cpus=1 build=1
extra=()
while (($#)); do
  case "$1" in
    --profile) profile=$2; shift 2 ;;
    --shards) shards=$2; shift 2 ;;
    --reports) reports=$2; shift 2 ;;
    --partition) partition=$2; shift 2 ;;
    --time) time_limit=$2; shift 2 ;;
    --cpus) cpus=$2; shift 2 ;;
    --deterministic) extra+=(--deterministic); shift ;;
    --only) extra+=(--only "$2"); shift 2 ;;
    --no-build) build=0; shift ;;
    -h | --help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "submit: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
case "$profile" in quick | default | full) ;; *) echo "submit: --profile is quick, default or full, found $profile" >&2; exit 2 ;; esac
[[ "$shards" =~ ^[1-9][0-9]*$ ]] || { echo "submit: --shards is a positive integer, found $shards" >&2; exit 2; }
[[ "$cpus" =~ ^[1-9][0-9]*$ ]] || { echo "submit: --cpus is a positive integer, found $cpus" >&2; exit 2; }
command -v sbatch >/dev/null || { echo "submit: sbatch not found (is this a Slurm login node?)" >&2; exit 1; }
if [[ -z "$reports" ]]; then
  reports=Reports
  [[ $profile == full ]] && reports=Reports/full
fi
reports=$(mkdir -p "$reports" && cd "$reports" && pwd)

if ((build)); then
  bash scripts/bootstrap.sh
  . scripts/blas-env.sh
  swift build -c release --product fprinciple >&2
fi
[[ -x .build/release/fprinciple ]] || { echo "submit: no release build (.build/release/fprinciple); run without --no-build" >&2; exit 1; }

jobs_root=${FPRINCIPLE_SLURM_JOBS:-$root/.slurm-jobs}
jobdir=$jobs_root/$(date -u +%Y%m%dT%H%M%SZ)-$$
mkdir -p "$jobdir"
# The profile's previous timings first, the default run's for the theorems they lack.
n=0
for costs in "$reports/README.json" "$root/Reports/README.json"; do
  if [[ -s "$costs" && ! -e "$jobdir/costs-$n.json" ]] && ! cmp -s "$costs" "$jobdir/costs-0.json" 2>/dev/null; then
    cp "$costs" "$jobdir/costs-$n.json"
    extra+=(--costs "$jobdir/costs-$n.json")
    n=$((n + 1))
  fi
done
printf '%s\n' "profile=$profile" "shards=$shards" "reports=$reports" >"$jobdir/job.env"

common=(--parsable --cpus-per-task="$cpus")
[[ -n "$partition" ]] && common+=(--partition="$partition")
[[ -n "$time_limit" ]] && common+=(--time="$time_limit")

array=$(sbatch "${common[@]}" --job-name=fprinciple-verify --array=1-"$shards" \
  --output="$jobdir/task-%a.log" scripts/slurm/task.sh "$root" "$jobdir" "$shards" "$profile" "${extra[@]}")
array=${array%%;*}
merge=$(sbatch "${common[@]}" --job-name=fprinciple-merge --dependency=afterany:"$array" \
  --output="$jobdir/merge.log" scripts/slurm/merge.sh "$root" "$jobdir" "$shards" "$reports" "$array" "${extra[@]}")
merge=${merge%%;*}
printf '%s\n' "array=$array" "merge=$merge" >>"$jobdir/job.env"
echo "job directory: $jobdir"
echo "array job: $array ($shards tasks, profile $profile)"
echo "merge job: $merge"
