#!/usr/bin/env bash
# End-to-end ingest benchmark: `dandelion ingest` of N generated posts
# (X/Twitter API v2 lines) into a fresh SQLite store holding T topics (200 to
# a unit, the most a unit may hold), next to simdjson alone reading the same
# file (the floor). Given a second binary (a baseline build), each binary runs
# twice on the same corpus, alternately, and the ratio is printed: the
# machine is shared and noisy, ratios hold where times do not.
#
# usage: bench/ingest_bench.sh [POSTS] [TOPICS] [BIN] [BASELINE_BIN]
#        (default 1000000 10000 build/dandelion; no baseline)
set -euo pipefail
cd "$(dirname "$0")/.."
POSTS=${1:-1000000}
TOPICS=${2:-10000}
BIN=$(realpath "${3:-build/dandelion}")
BASE=${4:+$(realpath "$4")}
BUILD=$(dirname "$BIN")
WORK=$(mktemp -d /tmp/dandelion-ingest-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
source bench/bench_store.sh

ninja -C "$BUILD" ingest_corpus >/dev/null
echo "== corpus: $POSTS posts, $TOPICS topics"
"$BUILD/bench/ingest_corpus" "$WORK" "$POSTS" "$TOPICS"
ls -l "$WORK/posts.ndjson" | awk '{printf "posts.ndjson: %.0f MB\n", $5/1e6}'
UNITS=$(( (TOPICS + 199) / 200 ))

# One run of binary $1 into a fresh store; prints posts/s as its last line.
run() {
  local bin=$1 store=$WORK/store
  rm -rf "$store"
  # The units the topics go into, through the API of the binary under test.
  bench_store "$bin" "$WORK" "$UNITS" "$WORK/topics.ndjson" --data "$store"
  local t0 t1
  t0=$(date +%s.%N)
  /usr/bin/time -f "  %e s wall, %U s user, %S s system, peak RSS %M KB" \
    "$bin" ingest --no-progress --data "$store" --dead-letter "$WORK/rejected.ndjson" \
    "$WORK/posts.ndjson" >"$WORK/ingest.log" 2>"$WORK/time.log"
  t1=$(date +%s.%N)
  grep -E "^Ingested" "$WORK/ingest.log" | sed 's/^/  /' >&2
  cat "$WORK/time.log" >&2
  echo "$POSTS $t0 $t1" | awk '{printf "%.0f\n", $1 / ($3 - $2)}'
}

if [[ -z $BASE ]]; then
  echo "== ingest ($BIN)"
  echo "posts/s: $(run "$BIN")"
  exit 0
fi
declare -a NOW BEFORE
for round in 1 2; do
  echo "== round $round: baseline ($BASE)"
  BEFORE+=("$(run "$BASE")")
  echo "   ${BEFORE[-1]} posts/s"
  echo "== round $round: now ($BIN)"
  NOW+=("$(run "$BIN")")
  echo "   ${NOW[-1]} posts/s"
done
best() { printf '%s\n' "$@" | sort -n | tail -1; }
b=$(best "${BEFORE[@]}") n=$(best "${NOW[@]}")
echo "== best of two: baseline $b posts/s, now $n posts/s, ratio $(echo "$n $b" | awk '{printf "%.2f", $1/$2}')x"
