#!/usr/bin/env bash
# Start a one-node Slurm cluster on this machine for tests/cluster/test_slurm.py.
#
# For a Debian 12 machine where we are root and there is no systemd (a CI runner or a
# container): installs Debian's slurm-wlm, slurm-client and munge if missing, creates
# a munge key if missing, writes /etc/slurm/slurm.conf for this host alone (no
# accounting database), starts munged, slurmctld and slurmd directly as daemons, records
# their PIDs in /run/qutiflow-slurm/*.pid, and waits until the node is idle and a
# trivial batch job has run. Idempotent: daemons this script started and that still run
# are kept (restarted only when the configuration changed). On any failure it prints the
# daemons' logs and exits non-zero. tests/cluster/slurm_down.sh stops what it started.
#
# Environment: QUTIFLOW_SLURM_PARTITION (default "debug", the partition the workflow
# profile profiles/slurm asks for), QUTIFLOW_SLURM_WAIT (seconds to wait for the node,
# default 60).
set -Eeuo pipefail  # -E: the ERR trap (logs) also fires inside functions

STATE=/run/qutiflow-slurm
CONF=/etc/slurm/slurm.conf
LOGS=/var/log/slurm
MUNGE_LOG=/var/log/munge/munged.log
PARTITION=${QUTIFLOW_SLURM_PARTITION:-debug}
WAIT=${QUTIFLOW_SLURM_WAIT:-60}
HOST=$(hostname -s)

say() { echo "slurm_up: $*"; }

show_logs() {
    local f
    for f in "$STATE/apt.log" "$LOGS/slurmctld.log" "$LOGS/slurmd.log" "$MUNGE_LOG" \
             "$STATE/munged.out" "$STATE/slurmctld.out" "$STATE/slurmd.out" "$STATE/check.out"; do
        if [[ -s $f ]]; then
            echo "----- last lines of $f -----"
            tail -n 40 "$f"
        fi
    done
}

fail() {
    echo "slurm_up: FAILED: $*" >&2
    show_logs >&2
    exit 1
}

trap 'fail "command failed (line $LINENO): $BASH_COMMAND"' ERR

[[ $(id -u) -eq 0 ]] || { echo "slurm_up: must run as root" >&2; exit 1; }
install -d -m 0755 "$STATE"

# --- packages ---------------------------------------------------------------------------
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null \
        || ! command -v sbatch >/dev/null || ! command -v munged >/dev/null; then
    say "installing slurm-wlm, slurm-client and munge (Debian packages)"
    export DEBIAN_FRONTEND=noninteractive
    timeout 300 apt-get update >"$STATE/apt.log" 2>&1
    timeout 900 apt-get install -y --no-install-recommends \
        slurm-wlm slurm-client munge >>"$STATE/apt.log" 2>&1
fi
id slurm >/dev/null 2>&1 || fail "the Debian packages did not create the user 'slurm'"
id munge >/dev/null 2>&1 || fail "the Debian packages did not create the user 'munge'"

# --- munge key and directories -----------------------------------------------------------
install -d -m 0700 -o munge -g munge /etc/munge /var/lib/munge
install -d -m 0755 -o munge -g munge /run/munge /var/log/munge
if [[ ! -s /etc/munge/munge.key ]]; then
    say "creating /etc/munge/munge.key"
    if command -v mungekey >/dev/null; then
        mungekey --create --keyfile=/etc/munge/munge.key
    else
        dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none
    fi
fi
chown munge:munge /etc/munge/munge.key
chmod 0400 /etc/munge/munge.key
install -d -m 0755 /etc/slurm
install -d -m 0755 -o slurm -g slurm "$LOGS" /var/spool/slurmctld /run/slurm
install -d -m 0755 /var/spool/slurmd

# --- slurm.conf for this host ------------------------------------------------------------
CPUS=$(nproc)
MEM_MB=$(awk '/^MemTotal:/ {print int($2 / 1024)}' /proc/meminfo)
# leave 10 % (at least 512 MB) to the system; slurmd drains a node that has less
# memory than configured
MARGIN=$(( MEM_MB / 10 > 512 ? MEM_MB / 10 : 512 ))
REAL_MB=$(( MEM_MB - MARGIN ))
NEW_CONF=$(cat <<CONF
# Written by tests/cluster/slurm_up.sh: a one-node cluster on $HOST, no accounting.
ClusterName=qutiflow
SlurmctldHost=$HOST(127.0.0.1)
AuthType=auth/munge
SlurmUser=slurm
SlurmdUser=root
SlurmctldPort=6817
SlurmdPort=6818
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldPidFile=/run/slurm/slurmctld.pid
SlurmdPidFile=/run/slurm/slurmd.pid
SlurmctldLogFile=$LOGS/slurmctld.log
SlurmdLogFile=$LOGS/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
# no cgroups: processes tracked through /proc, no task binding
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
MailProg=/bin/true
SwitchType=switch/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
DefMemPerCPU=1024
# no slurmdbd: sacct cannot answer, status queries use squeue (see profiles/slurm)
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
# a finished job stays visible to squeue for 300 s; the Snakemake Slurm executor needs
# that (a job squeue no longer lists counts as still running)
MinJobAge=300
ReturnToService=2
InactiveLimit=0
KillWait=10
Waittime=0
SlurmctldTimeout=120
SlurmdTimeout=300
NodeName=$HOST NodeAddr=127.0.0.1 CPUs=$CPUS RealMemory=$REAL_MB State=UNKNOWN
PartitionName=$PARTITION Nodes=$HOST Default=YES MaxTime=INFINITE State=UP
CONF
)
CONF_CHANGED=0
if [[ ! -f $CONF ]] || [[ "$(cat "$CONF")" != "$NEW_CONF" ]]; then
    printf '%s\n' "$NEW_CONF" >"$CONF"
    CONF_CHANGED=1
    say "wrote $CONF ($HOST: $CPUS CPUs, $REAL_MB MB, partition $PARTITION)"
fi

# --- daemons -----------------------------------------------------------------------------
# running NAME: the PID this script recorded for NAME, if that process still runs NAME
running() {
    local pid
    [[ -s $STATE/$1.pid ]] || return 1
    pid=$(cat "$STATE/$1.pid")
    [[ -r /proc/$pid/comm && $(cat "/proc/$pid/comm") == "$1" ]] || return 1
    echo "$pid"
}

stop() {
    local pid i
    if pid=$(running "$1"); then
        kill -TERM "$pid" 2>/dev/null || true
        for ((i = 0; i < 100; i++)); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$STATE/$1.pid"
}

# start NAME COMMAND...: run COMMAND in its own session, in the foreground mode of the
# daemon, so that $! is the daemon's own PID
start() {
    local name=$1
    shift
    setsid "$@" >>"$STATE/$name.out" 2>&1 </dev/null &
    echo $! >"$STATE/$name.pid"
    sleep 0.5
    running "$name" >/dev/null || fail "$name exited right after its start"
    say "started $name (PID $(cat "$STATE/$name.pid"))"
}

if ! running munged >/dev/null; then
    if munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
        say "a munged not started by this script answers; using it"
    else
        start munged setpriv --reuid=munge --regid=munge --init-groups \
            /usr/sbin/munged --foreground --log-file="$MUNGE_LOG"
    fi
fi
for ((i = 0; i < 50; i++)); do
    munge -n 2>/dev/null | unmunge >/dev/null 2>&1 && break
    sleep 0.2
done
munge -n | unmunge >/dev/null || fail "munge does not answer"

if ((CONF_CHANGED)); then
    stop slurmd
    stop slurmctld
fi
running slurmctld >/dev/null || start slurmctld /usr/sbin/slurmctld -D -f "$CONF"
running slurmd >/dev/null || start slurmd /usr/sbin/slurmd -D -f "$CONF"

# --- health check ------------------------------------------------------------------------
state=""
for ((i = 0; i < WAIT * 2; i++)); do
    state=$(timeout 10 sinfo -h -N -n "$HOST" -p "$PARTITION" -o '%t' 2>/dev/null || true)
    [[ $state =~ ^(idle|mix|alloc)$ ]] && break
    sleep 0.5
done
[[ $state =~ ^(idle|mix|alloc)$ ]] || fail "node $HOST not idle after ${WAIT}s (state: '${state}')"

out="$STATE/check.out"
rm -f "$out"
timeout "$WAIT" sbatch --wait --quiet -p "$PARTITION" -t 1 -n 1 -c 1 --mem=100 \
    -J qutiflow-slurm-check -o "$out" --wrap 'srun -n 1 hostname' \
    || fail "the check job (sbatch --wait, srun hostname) did not succeed within ${WAIT}s"
[[ $(cat "$out") == "$(hostname)" ]] \
    || fail "the check job wrote '$(cat "$out")', expected '$(hostname)'"
say "node $HOST is $state; a batch job ran (partition $PARTITION)"
