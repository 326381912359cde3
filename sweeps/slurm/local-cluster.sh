#!/usr/bin/env bash
# Brings up a single-node Slurm cluster on this machine (munge, slurmctld, slurmd on localhost), for CI and for
# trying sweeps/slurm/submit.sh without a real cluster. Run as root. Idempotent: daemons already running are left
# alone, and a slurm.conf this script did not write is never replaced. Recipe: ../shared/spec/PLATFORM.md.
set -euo pipefail
[[ $(id -u) -eq 0 ]] || { echo "error: local-cluster.sh must run as root (it starts munged, slurmctld and slurmd)." >&2; exit 1; }

if ! command -v slurmctld > /dev/null || ! command -v munged > /dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends slurm-wlm munge > /dev/null
fi

host=$(hostname)
conf=/etc/slurm/slurm.conf
marker="# written by PruningGame sweeps/slurm/local-cluster.sh"

# munge: a 1 KiB key owned by munge, mode 400, then the daemon as user munge.
if [[ ! -s /etc/munge/munge.key ]]; then
    dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none
fi
chown munge:munge /etc/munge/munge.key
chmod 400 /etc/munge/munge.key
mkdir -p /run/munge /var/log/munge /var/lib/munge
chown munge:munge /run/munge /var/log/munge /var/lib/munge
if ! munge -n 2>/dev/null | unmunge > /dev/null 2>&1; then
    su -s /bin/sh munge -c /usr/sbin/munged
    for _ in $(seq 50); do munge -n 2>/dev/null | unmunge > /dev/null 2>&1 && break; sleep 0.1; done
fi

if [[ -f $conf ]] && ! grep -qF "$marker" "$conf"; then
    echo "error: $conf exists and was not written by this script; refusing to replace it. Move it away to use a local cluster." >&2
    exit 1
fi
mkdir -p /var/lib/slurm/slurmctld /var/lib/slurm/slurmd /var/log/slurm /run/slurm
tmp=$(mktemp "$conf.XXXXXX")
cat > "$tmp" <<CONF
$marker
ClusterName=local
SlurmctldHost=$host
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SlurmUser=root
StateSaveLocation=/var/lib/slurm/slurmctld
SlurmdSpoolDir=/var/lib/slurm/slurmd
SlurmctldPidFile=/run/slurm/slurmctld.pid
SlurmdPidFile=/run/slurm/slurmd.pid
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
ReturnToService=2
MaxArraySize=10001
NodeName=$host CPUs=$(nproc) State=UNKNOWN
PartitionName=local Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
chmod 644 "$tmp"
if [[ -f $conf ]] && cmp -s "$tmp" "$conf"; then rm -f "$tmp"; else mv -f "$tmp" "$conf"; fi

pgrep -x slurmctld > /dev/null || /usr/sbin/slurmctld
pgrep -x slurmd > /dev/null || /usr/sbin/slurmd

for _ in $(seq 60); do
    state=$(sinfo -h -n "$host" -o %T 2>/dev/null | head -n1 || true)
    case $state in
        idle|mixed|allocated) echo "local Slurm cluster up: node $host ($state), partition local"; exit 0 ;;
        down*|drain*) scontrol update NodeName="$host" State=RESUME 2>/dev/null || true ;;
    esac
    sleep 1
done
echo "error: the local Slurm node $host did not become idle in 60 s (state: ${state:-none}); see /var/log/slurm/slurmctld.log and slurmd.log." >&2
exit 1
