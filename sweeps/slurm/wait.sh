#!/usr/bin/env bash
# Waits until Slurm job JOBID (all of its array tasks) has left the queue, printing the queue every 30 s.
#   sweeps/slurm/wait.sh JOBID [TIMEOUT_SECONDS, default 3600]
# Exit 0 when the job has left the queue (read the results from the files: there may be no accounting database),
# 1 on timeout, 2 on a bad argument.
set -euo pipefail
if [[ $# -lt 1 || $# -gt 2 ]]; then
    echo "usage: $0 JOBID [TIMEOUT_SECONDS]" >&2
    exit 2
fi
job=$1
timeout=${2:-3600}
# A mistyped id would read as a job that has left the queue: Slurm's ids are numbers.
[[ $job =~ ^[0-9]+$ ]] || { echo "error: '$job' is not a Slurm job id (a number, as submit.sh prints last)." >&2; exit 2; }
[[ $timeout =~ ^[0-9]+$ ]] || { echo "error: the timeout '$timeout' is not a whole number of seconds." >&2; exit 2; }
start=$SECONDS
last=0
while [[ -n $(squeue -h -j "$job" 2>/dev/null) ]]; do
    if (( SECONDS - start > timeout )); then
        echo "error: job $job is still queued or running after $timeout s:" >&2
        squeue -j "$job" >&2
        exit 1
    fi
    if (( SECONDS - last >= 30 )); then
        echo "job $job: $(squeue -h -j "$job" -t R | wc -l) tasks running, $(squeue -h -j "$job" -r -t PD | wc -l) pending"
        last=$SECONDS
    fi
    sleep 2
done
echo "job $job has finished"
