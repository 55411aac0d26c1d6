#!/bin/sh
# Runs a conformance scenario on real Erlang/OTP and prints its trace.
# Usage: tools/oracle/run.sh path/to/scenario.json
set -e
DIR=$(cd "$(dirname "$0")" && pwd)
TERM_FILE=$(mktemp)
trap 'rm -f "$TERM_FILE"' EXIT
node "$DIR/json2term.mjs" "$1" > "$TERM_FILE"
escript "$DIR/oracle.escript" "$TERM_FILE"
