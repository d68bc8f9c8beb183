#!/bin/sh
# Stand-in for systemctl, made by WsoClusterPS's tests where no systemd runs. It records each call (its arguments, one
# line) in CALLS and acts on the unit files in UNITS as systemd does for a Type=forking service: enable and disable make
# and remove the multi-user.target.wants link; start honours ConditionPathExists, runs ExecStart as the unit's User and
# Group in its WorkingDirectory with its Environment, and waits for its PIDFile; stop runs ExecStop and waits (at most
# TimeoutStopSec, then SIGKILL) until the process is gone. It always waits, --no-block or not.
UNITS='@UNITS@'
CALLS='@CALLS@'
echo "$*" >> "$CALLS"
verb=$1; shift
[ "$1" = "--no-block" ] && shift
unit=$1
file="$UNITS/$unit"

setting() { sed -n "s/^$1=//p" "$file" | sed 's/%%/%/g'; }
need_unit() { [ -f "$file" ] || { echo "Failed to $verb $unit: Unit $unit not found." >&2; exit 5; }; }
pid() { p=$(setting PIDFile); [ -f "$p" ] && cat "$p"; }
running() { p=$(pid); [ -n "$p" ] && kill -0 "$p" 2>/dev/null; }

# Runs one Exec line of the unit as systemd would: its user, folder and environment ($$ is a $ there).
run_exec() {
  command=$(setting "$1" | sed 's/\$\$/$/g')
  environment=$(setting Environment | tr '\n' ' ')
  setpriv --reuid="$(setting User)" --regid="$(setting Group)" --init-groups \
    sh -c 'cd "$1" && eval "export $2" && eval "exec $3"' sh "$(setting WorkingDirectory)" "$environment" "$command"
}

case "$verb" in
  daemon-reload) ;;
  enable)
    need_unit
    mkdir -p "$UNITS/multi-user.target.wants"
    ln -sf "$file" "$UNITS/multi-user.target.wants/$unit"
    echo "Created symlink $UNITS/multi-user.target.wants/$unit -> $file." ;;
  disable)
    rm -f "$UNITS/multi-user.target.wants/$unit"
    echo "Removed \"$UNITS/multi-user.target.wants/$unit\"." ;;
  start)
    need_unit
    condition=$(setting ConditionPathExists)
    if [ -n "$condition" ] && [ ! -e "$condition" ]; then echo "condition failed: $condition" >> "$CALLS"; exit 0; fi
    running && exit 0
    run_exec ExecStart || { echo "Job for $unit failed because the control process exited with error code." >&2; exit 1; }
    for _ in $(seq 1 150); do [ -n "$(pid)" ] && exit 0; sleep 0.2; done
    echo "Job for $unit failed: no PID file." >&2; exit 1 ;;
  stop)
    need_unit
    running || exit 0
    p=$(pid)
    stop_seconds=$(setting TimeoutStopSec)
    run_exec ExecStop
    limit=$(( ${stop_seconds:-90} * 5 ))
    for _ in $(seq 1 "$limit"); do kill -0 "$p" 2>/dev/null || exit 0; sleep 0.2; done
    kill -KILL "$p" ;;
  is-active)
    if running; then echo active; else echo inactive; exit 3; fi ;;
  *) echo "stand-in systemctl: '$verb' is not known here" >&2; exit 1 ;;
esac
