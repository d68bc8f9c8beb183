#!/bin/sh
# Stand-in for WSO2 IS's bin/wso2server.sh, made by WsoClusterPS's tests. Like the real script
# it resolves CARBON_HOME from its own location; it answers `version` from bin/version.txt.
CARBON_HOME=$(cd "$(dirname "$0")/.." && pwd)
case "$1" in
  version) cat "$CARBON_HOME/bin/version.txt" ;;
  *) echo "stand-in wso2server.sh: only 'version' is implemented" >&2; exit 2 ;;
esac
