#!/usr/bin/env bash
# The inbox at scale: a demo store (its inbox set up) into which `dandelion
# ingest` sends POSTS generated posts (bench/inbox_corpus.mjs: a fifth to
# the support channel), then `dandelion serve` on it answers the support
# queue and case views (bench/inbox_latency.mjs). The baseline, side by
# side: the same requests on the demo store alone (2,000 cases). Prints the
# store's counts and the latencies of each.
#
# usage: bench/inbox_bench.sh [POSTS] [BINARY]   (default 1000000 build/dandelion)
set -euo pipefail
cd "$(dirname "$0")/.."
POSTS=${1:-1000000}
BIN=${2:-build/dandelion}
WORK=$(mktemp -d /tmp/dandelion-inbox-bench.XXXXXX)
SERVER_PID=""
cleanup() {
  [[ -n $SERVER_PID ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

serve_and_measure() {  # STORE LABEL
  local port
  port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
  "$BIN" serve --port "$port" --data "$1" >"$WORK/serve.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 300); do
    curl -sf "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
    sleep 0.1
  done
  echo "== $2: $(sqlite3 "$1/dandelion.db" 'SELECT (SELECT COUNT(*) FROM mentions) || " mentions, " || (SELECT COUNT(*) FROM cases) || " cases"')"
  node bench/inbox_latency.mjs "http://127.0.0.1:$port" 300
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
}

"$BIN" demo --data "$WORK/demo" >/dev/null
cp -r "$WORK/demo" "$WORK/big"
serve_and_measure "$WORK/demo" "baseline: the demo store"

echo "== corpus: $POSTS posts"
node bench/inbox_corpus.mjs "$POSTS" "$WORK/posts.ndjson"
start=$(date +%s.%N)
"$BIN" ingest --no-progress --data "$WORK/big" --dead-letter "$WORK/rejected.ndjson" "$WORK/posts.ndjson" | tail -2
echo "ingest with routing: $(echo "$(date +%s.%N) - $start" | bc) s"
serve_and_measure "$WORK/big" "at scale"
