#!/usr/bin/env bash
# Stop the one-node Slurm cluster that tests/cluster/slurm_up.sh started: cancel the jobs
# still in its queue, then stop exactly the daemons whose PIDs slurm_up.sh recorded in
# /run/qutiflow-slurm (slurmd, slurmctld, munged: SIGTERM, up to 15 s, then SIGKILL).
# Idempotent: with nothing running it says so and exits 0. Packages, the munge key,
# /etc/slurm/slurm.conf and the logs under /var/log/slurm stay.
set -euo pipefail

STATE=/run/qutiflow-slurm

# running NAME: the PID recorded for NAME, if that process still runs NAME
running() {
    local pid
    [[ -s $STATE/$1.pid ]] || return 1
    pid=$(cat "$STATE/$1.pid")
    [[ -r /proc/$pid/comm && $(cat "/proc/$pid/comm") == "$1" ]] || return 1
    echo "$pid"
}

if running slurmctld >/dev/null && command -v squeue >/dev/null; then
    mapfile -t jobs < <(timeout 10 squeue -h -t PENDING,RUNNING,COMPLETING -o %i 2>/dev/null || true)
    if ((${#jobs[@]} > 0)); then
        echo "slurm_down: cancelling Slurm jobs ${jobs[*]}"
        timeout 10 scancel "${jobs[@]}" || true
        for ((i = 0; i < 100; i++)); do
            [[ -z $(timeout 10 squeue -h -t PENDING,RUNNING,COMPLETING -o %i 2>/dev/null) ]] && break
            sleep 0.2
        done
    fi
fi

stopped=0
for name in slurmd slurmctld munged; do
    if pid=$(running "$name"); then
        kill -TERM "$pid" 2>/dev/null || true
        for ((i = 0; i < 150; i++)); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        if kill -0 "$pid" 2>/dev/null; then
            echo "slurm_down: $name (PID $pid) still runs after 15 s; sending SIGKILL"
            kill -KILL "$pid" 2>/dev/null || true
        fi
        echo "slurm_down: stopped $name (PID $pid)"
        stopped=$((stopped + 1))
    fi
    rm -f "$STATE/$name.pid"
done
((stopped > 0)) || echo "slurm_down: nothing to stop (no daemon started by slurm_up.sh is running)"
