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
[[ -f $1 ]] || { echo "error: '$1' is not a sweep file (it does not exist, or is a folder)." >&2; exit 2; }
sweep=$(realpath "$1")
results=$(realpath -m "$2")
shift 2
# The script decides which runs a task trains and where: options that would change that are refused, not passed on.
for option in "$@"; do
    case $option in
        --list|--pending-tasks|--task|--task=*|--workers|--workers=*|--results|--results=*)
            echo "error: $option is set by submit.sh itself (one run per task, results in RESULTS_DIR): give only options such as --quick, --dataset NAME, --epochs N." >&2
            exit 2 ;;
    esac
done
[[ ${CPUS_PER_TASK:-1} =~ ^[1-9][0-9]*$ ]] || { echo "error: CPUS_PER_TASK='$CPUS_PER_TASK' is not a whole number of at least 1." >&2; exit 2; }
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
command -v sbatch > /dev/null || { echo "error: sbatch not found: run this on a Slurm login node (or bring one up: sweeps/slurm/local-cluster.sh)." >&2; exit 2; }
mkdir -p "$results/.workbench/slurm" 2> /dev/null && [[ -w $results/.workbench/slurm ]] \
    || { echo "error: cannot write to '$results/.workbench/slurm': RESULTS_DIR must be a folder this user can write (on a file system every node sees)." >&2; exit 3; }

echo "== building once"
dotnet build "$repo/src/PruningGame.Cli" -nologo -v q > /dev/null
built=("$(command -v dotnet)" "$repo/src/PruningGame.Cli/bin/Debug/net10.0/workbench.dll")

# Which runs are left, asked of the build that the tasks will run; its errors (a damaged sweep, a finished run of
# another config) reach the terminal on standard error before anything is copied or submitted.
pending=$(cd "$repo" && NO_COLOR=1 "${built[@]}" sweep "$sweep" --results "$results" "$@" --pending-tasks)
if [[ -z $pending ]]; then
    echo "every run of $sweep has finished under $results: nothing to submit"
    echo none
    exit 0
fi

bin=$(mktemp -d "$results/.workbench/bin-$(date +%Y%m%d-%H%M%S)-XXXX")
# The copy is the array's: kept once submitted, removed if anything fails before that.
trap 'rm -rf "$bin"' EXIT
cp -a "$repo/src/PruningGame.Cli/bin/Debug/net10.0/." "$bin/"
workbench=("$(command -v dotnet)" "$bin/workbench.dll")

task_command=$(printf '%q ' "${workbench[@]}" sweep "$sweep" --results "$results" "$@")
# shellcheck disable=SC2086  # SBATCH_OPTIONS is a list of flags
job=$(sbatch --parsable --array="$pending" --cpus-per-task="${CPUS_PER_TASK:-1}" --chdir="$repo" \
    --job-name="workbench-$(basename "$sweep" .json)" --output="$results/.workbench/slurm/%A_%a.log" \
    --export=ALL,NO_COLOR=1 ${SBATCH_OPTIONS:-} \
    --wrap "$task_command --task \$SLURM_ARRAY_TASK_ID")
job=${job%%;*}
trap - EXIT
echo "submitted tasks $pending of $sweep as job array $job (logs: $results/.workbench/slurm/${job}_<task>.log)"
echo "$job"
