#!/usr/bin/env bash
# The reliability suite's kill -9 loops (tests/reliability/kill9.test.mjs) with more rounds than
# `make test` runs: stream workers over PostgreSQL and `dandelion ingest` over SQLite, each killed
# -9 ROUNDS times at random moments, the store checked after each kill. Starts a throw-away
# PostgreSQL of its own (as root, like scripts/test); DANDELION_KILL_SEED picks another sequence
# of kill moments.
#
# usage: bench/kill_loop.sh [ROUNDS] [BIN]   (default 500 build/dandelion)
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-500}
BIN=$(realpath "${2:-build/dandelion}")
WORK=$(mktemp -d /tmp/dandelion-kill-loop.XXXXXX)
chmod 755 "$WORK"
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
cleanup() {
  [[ -f $WORK/pg/postmaster.pid ]] && runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$WORK/pg" -m fast stop >/dev/null 2>&1
  rm -rf "$WORK"
}
trap cleanup EXIT
mkdir -p "$WORK/pg" && chown postgres:postgres "$WORK/pg" && chmod 700 "$WORK/pg"
runuser -u postgres -- "$PG_BIN/initdb" -D "$WORK/pg" -A trust -U dandelion >/dev/null
PG_PORT=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg/log" -w \
  -o "-p $PG_PORT -k $WORK/pg -c listen_addresses=127.0.0.1" start >/dev/null
DANDELION_BIN=$BIN DANDELION_TEST_PG="postgresql://dandelion@127.0.0.1:$PG_PORT/postgres" \
  DANDELION_KILL_ROUNDS=$ROUNDS node --test --test-name-pattern='killed -9' tests/reliability/kill9.test.mjs
