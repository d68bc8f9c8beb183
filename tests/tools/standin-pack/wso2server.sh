#!/bin/sh
# Stand-in for WSO2 IS's bin/wso2server.sh, made by WsoClusterPS's tests. Like the real script it
# resolves CARBON_HOME from its own location, and `start` runs the server in the background with
# its pid in $CARBON_HOME/wso2carbon.pid; `stop` sends it SIGTERM. The server is the tests'
# StandInServer (a .NET program), not a JVM.
CARBON_HOME=$(cd "$(dirname "$0")/.." && pwd)
PID_FILE="$CARBON_HOME/wso2carbon.pid"
DOTNET='@DOTNET@'
SERVER='@SERVER@'

running() { [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; }

case "$1" in
  start)
    shift
    if running; then echo "Process is already running"; exit 0; fi
    mkdir -p "$CARBON_HOME/repository/logs"
    echo "Starting WSO2 Carbon (in background) ..."
    # As Carbon's DefaultSecretCallbackHandler does: the keystore password is read from password-tmp,
    # which is then deleted. The log notes its mode and size, never its content.
    if [ -f "$CARBON_HOME/password-tmp" ]; then
      echo "Keystore password read from password-tmp (mode $(stat -c %a "$CARBON_HOME/password-tmp"), $(wc -c < "$CARBON_HOME/password-tmp") bytes)" \
        >> "$CARBON_HOME/repository/logs/wso2carbon.out"
      rm -f "$CARBON_HOME/password-tmp"
    fi
    nohup "$DOTNET" "$SERVER" "$CARBON_HOME" "$@" >> "$CARBON_HOME/repository/logs/wso2carbon.out" 2>&1 < /dev/null &
    echo $! > "$PID_FILE"
    ;;
  stop)
    if running; then
      echo "Stopping WSO2 Carbon ..."
      kill -TERM "$(cat "$PID_FILE")"
    else
      echo "WSO2 Carbon is not running"
    fi
    ;;
  version) cat "$CARBON_HOME/bin/version.txt" ;;
  *) echo "Usage: wso2server.sh [start|stop|version]" >&2; exit 2 ;;
esac
