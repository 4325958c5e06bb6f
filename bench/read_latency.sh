#!/usr/bin/env bash
# Read latency under write load: a `dandelion serve` with the demo data
# answers GET /api/v1/units and /api/v1/topics (p50/p99 idle, then while
# `dandelion ingest` writes POSTS generated posts into the same SQLite
# store). Run it for two binaries to compare them side by side:
#
# usage: bench/read_latency.sh [POSTS] [BINARY…]   (default 1000000 build/dandelion)
set -euo pipefail
cd "$(dirname "$0")/.."
POSTS=${1:-1000000}
shift || true
BINARIES=("$@")
((${#BINARIES[@]})) || BINARIES=(build/dandelion)
WORK=$(mktemp -d /tmp/dandelion-read-latency.XXXXXX)
SERVER_PID=""
cleanup() {
  [[ -n $SERVER_PID ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

ninja -C build ingest_corpus >/dev/null
echo "== corpus: $POSTS posts"
build/bench/ingest_corpus "$WORK" "$POSTS" 1 >/dev/null

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
  node bench/read_latency.mjs "http://127.0.0.1:$port" 500 -- \
    "$bin" ingest --no-progress --data "$WORK/store" --dead-letter "$WORK/rejected.ndjson" "$WORK/posts.ndjson"
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
done
