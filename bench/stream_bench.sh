#!/usr/bin/env bash
# Several nodes' ingest: N generated X/Twitter v2 posts published into NATS
# JetStream (`dandelion publish-stream`), then drained into PostgreSQL by two
# `dandelion worker` processes, with T topics; the stream's lag sampled as it
# drains. Next to it, the same posts and topics through `dandelion ingest`
# into SQLite on the same machine: the ratio of the two paths. Starts a
# throw-away PostgreSQL and nats-server of its own (as root, like
# scripts/test).
#
# usage: bench/stream_bench.sh [POSTS] [TOPICS] [BIN]   (default 200000 10000 build/dandelion)
set -euo pipefail
cd "$(dirname "$0")/.."
POSTS=${1:-200000}
TOPICS=${2:-10000}
BIN=$(realpath "${3:-build/dandelion}")
BUILD=$(dirname "$BIN")
WORK=$(mktemp -d /tmp/dandelion-stream-bench.XXXXXX)
chmod 755 "$WORK"
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  [[ -f $WORK/pg/postmaster.pid ]] && runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$WORK/pg" -m fast stop >/dev/null 2>&1
  rm -rf "$WORK"
}
trap cleanup EXIT
free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

ninja -C "$BUILD" ingest_corpus >/dev/null
"$BUILD/bench/ingest_corpus" "$WORK" "$POSTS" "$TOPICS" >/dev/null
UNITS=$(( (TOPICS + 199) / 200 ))

mkdir -p "$WORK/pg" && chown postgres:postgres "$WORK/pg" && chmod 700 "$WORK/pg"
runuser -u postgres -- "$PG_BIN/initdb" -D "$WORK/pg" -A trust -U dandelion >/dev/null
PG_PORT=$(free_port)
runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg/log" -w \
  -o "-p $PG_PORT -k $WORK/pg -c listen_addresses=127.0.0.1" start >/dev/null
DB="postgresql://dandelion@127.0.0.1:$PG_PORT/postgres"
NATS_PORT=$(free_port)
nats-server -js -a 127.0.0.1 -p "$NATS_PORT" -sd "$WORK/nats" >"$WORK/nats.log" 2>&1 &
PIDS+=($!)
NATS="nats://127.0.0.1:$NATS_PORT"
sleep 1

source bench/bench_store.sh
setup_store() { bench_store "$BIN" "$WORK" "$UNITS" "$WORK/topics.ndjson" "$@"; }
now() { date +%s.%N; }
rate() { echo "$1 $2 $3" | awk '{printf "%.0f", $1 / ($3 - $2)}'; }
stored() { echo $(( $(psql "$DB" -tAc "SELECT count(*) FROM mentions") - BEFORE )); }

echo "== $POSTS posts, $TOPICS topics"
setup_store --db "$DB"
t0=$(now)
"$BIN" publish-stream --nats "$NATS" "$WORK/posts.ndjson" | tail -1
t1=$(now)
echo "publish: $(rate "$POSTS" "$t0" "$t1") posts/s into the stream"

BEFORE=0
BEFORE=$(stored)  # the demo's mentions
t0=$(now)
for w in 1 2; do
  "$BIN" worker --db "$DB" --nats "$NATS" >"$WORK/worker$w.log" 2>&1 &
  PIDS+=($!)
done
lags=()
while :; do
  n=$(stored)
  lags+=("$(( POSTS - n ))")
  (( n >= POSTS )) && break
  sleep 1
done
t1=$(now)
PG_RATE=$(rate "$POSTS" "$t0" "$t1")
echo "drain: two workers stored $POSTS posts in PostgreSQL at $PG_RATE posts/s"
echo "lag (posts published, not yet stored), every second: ${lags[*]}"

setup_store --data "$WORK/sqlite"
t0=$(now)
"$BIN" ingest --no-progress --data "$WORK/sqlite" --dead-letter "$WORK/rejected.ndjson" "$WORK/posts.ndjson" | tail -1
t1=$(now)
SQ_RATE=$(rate "$POSTS" "$t0" "$t1")
echo "sqlite: dandelion ingest at $SQ_RATE posts/s"
echo "== stream into PostgreSQL (two workers) / dandelion ingest into SQLite: $(echo "$PG_RATE $SQ_RATE" | awk '{printf "%.2f", $1/$2}')x"
