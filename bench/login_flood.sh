#!/usr/bin/env bash
# The login flood benchmark: a `dandelion serve` with the demo data, 50
# clients sending failed logins for random e-mails for 10 s, while /healthz
# and an authenticated GET /api/v1/units are timed (bench/login_flood.mjs);
# then how much the store grew. Run it for two binaries to compare them
# side by side:
#
# usage: bench/login_flood.sh [CLIENTS] [SECONDS] [BINARY…]   (default 50 10 build/dandelion)
set -euo pipefail
cd "$(dirname "$0")/.."
CLIENTS=${1:-50}
SECONDS_=${2:-10}
shift 2 || true
BINARIES=("$@")
((${#BINARIES[@]})) || BINARIES=(build/dandelion)
WORK=$(mktemp -d /tmp/dandelion-login-flood.XXXXXX)
SERVER_PID=""
cleanup() {
  [[ -n $SERVER_PID ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

store_bytes() { du -sb "$WORK/store" | cut -f1; }

for bin in "${BINARIES[@]}"; do
  echo "== $bin"
  port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
  rm -rf "$WORK/store"
  "$bin" serve --port "$port" --data "$WORK/store" --seed-demo >"$WORK/serve.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 300); do
    curl -sf "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
    sleep 0.1
  done
  before=$(store_bytes)
  node bench/login_flood.mjs "http://127.0.0.1:$port" "$CLIENTS" "$SECONDS_"
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
  after=$(store_bytes)
  echo "store: $before -> $after bytes (+$(( (after - before) / 1024 )) KiB)"
done
