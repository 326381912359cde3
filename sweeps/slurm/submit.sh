#!/usr/bin/env bash
# Submits a sweep to Slurm as one job array: one run per task.
#
#   sweeps/slurm/submit.sh SWEEP.json RESULTS_DIR [sweep options such as --quick, --dataset NAME, --epochs N]
#
# Builds the workbench once, copies the build to RESULTS_DIR/.workbench/bin-<time> (so a later rebuild never changes
# a running array), and submits the runs that have not finished as `sbatch --array`, each task running that built
# binary with `sweep SWEEP.json --task $SLURM_ARRAY_TASK_ID`; no task ever builds. RESULTS_DIR must be on a file
# system every node sees. The job id is the last line printed ("none" when every run has finished already).
#
# Resubmitting: run the same command again. It submits only the runs without summary.json; killed runs resume from
# their last checkpoint, and a run another task still holds is skipped by that task, never trained twice.
#
# Environment: CPUS_PER_TASK (default 1; also the run's torch threads), SBATCH_OPTIONS (extra sbatch flags, e.g.
# "--partition=gpu --time=02:00:00"). Logs: RESULTS_DIR/.workbench/slurm/<job>_<task>.log.
set -euo pipefail
if [[ $# -lt 2 ]]; then
    echo "usage: $0 SWEEP.json RESULTS_DIR [sweep options such as --quick]" >&2
    exit 2
fi
[[ -f $1 ]] || { echo "error: sweep file '$1' does not exist." >&2; exit 2; }
sweep=$(realpath "$1")
results=$(realpath -m "$2")
shift 2
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
command -v sbatch > /dev/null || { echo "error: sbatch not found: run this on a Slurm login node (or bring one up: sweeps/slurm/local-cluster.sh)." >&2; exit 2; }

echo "== building once"
dotnet build "$repo/src/PruningGame.Cli" -nologo -v q > /dev/null
mkdir -p "$results/.workbench/slurm"
bin=$(mktemp -d "$results/.workbench/bin-$(date +%Y%m%d-%H%M%S)-XXXX")
cp -a "$repo/src/PruningGame.Cli/bin/Debug/net10.0/." "$bin/"
workbench=("$(command -v dotnet)" "$bin/workbench.dll")

pending=$(cd "$repo" && NO_COLOR=1 "${workbench[@]}" sweep "$sweep" --results "$results" "$@" --pending-tasks)
if [[ -z $pending ]]; then
    rm -rf "$bin"
    echo "every run of $sweep has finished under $results: nothing to submit"
    echo none
    exit 0
fi

task_command=$(printf '%q ' "${workbench[@]}" sweep "$sweep" --results "$results" "$@")
# shellcheck disable=SC2086  # SBATCH_OPTIONS is a list of flags
job=$(sbatch --parsable --array="$pending" --cpus-per-task="${CPUS_PER_TASK:-1}" --chdir="$repo" \
    --job-name="workbench-$(basename "$sweep" .json)" --output="$results/.workbench/slurm/%A_%a.log" \
    --export=ALL,NO_COLOR=1 ${SBATCH_OPTIONS:-} \
    --wrap "$task_command --task \$SLURM_ARRAY_TASK_ID")
job=${job%%;*}
echo "submitted tasks $pending of $sweep as job array $job (logs: $results/.workbench/slurm/${job}_<task>.log)"
echo "$job"
