#!/usr/bin/env bash
# End-to-end ingest benchmark: `dandelion ingest` of N generated posts
# (X/Twitter API v2 lines) into a fresh SQLite store holding T topics,
# next to simdjson alone reading the same file (the floor).
#
# usage: bench/ingest_bench.sh [POSTS] [TOPICS] [BUILD]   (default 1000000 10000 build)
set -euo pipefail
cd "$(dirname "$0")/.."
POSTS=${1:-1000000}
TOPICS=${2:-10000}
BUILD=${3:-build}
WORK=$(mktemp -d /tmp/dandelion-ingest-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

ninja -C "$BUILD" dandelion ingest_corpus >/dev/null
echo "== corpus: $POSTS posts, $TOPICS topics"
"$BUILD/bench/ingest_corpus" "$WORK" "$POSTS" "$TOPICS"
ls -l "$WORK/posts.ndjson" | awk '{printf "posts.ndjson: %.0f MB\n", $5/1e6}'

echo "== topics"
/usr/bin/time -f "import: %e s, peak RSS %M KB" \
  "$BUILD/dandelion" topic import --data "$WORK/store" "$WORK/topics.ndjson" | tail -1

echo "== ingest"
/usr/bin/time -f "ingest: %e s wall, %U s user, %S s system, peak RSS %M KB" \
  "$BUILD/dandelion" ingest --no-progress --data "$WORK/store" \
  --dead-letter "$WORK/rejected.ndjson" "$WORK/posts.ndjson"
ls -l "$WORK/store/dandelion.db" | awk '{printf "store: %.0f MB\n", $5/1e6}'
