#!/usr/bin/env bash
# `dandelion text analyze` over N posts (the sentiment benchmark's sentences,
# as NDJSON lines {"id", "text", "network"}), whole process, next to the
# reference VADER (npm vader-sentiment, bench/vader_ndjson.mjs) on the same
# file and, given one, a baseline binary; each run twice, alternately, best
# of two, and the ratios printed.
#
# usage: bench/text_analyze_bench.sh [POSTS] [BIN] [BASELINE_BIN]   (default 300000 build/dandelion)
set -euo pipefail
cd "$(dirname "$0")/.."
POSTS=${1:-300000}
BIN=$(realpath "${2:-build/dandelion}")
BASE=${3:+$(realpath "$3")}
BUILD=$(dirname "$BIN")
WORK=$(mktemp -d /tmp/dandelion-text-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

ninja -C "$BUILD" sentiment_bench >/dev/null
"$BUILD/bench/sentiment_bench" --print_sentences >"$WORK/sentences.json"
node -e '
  const fs = require("fs");
  const s = fs.readFileSync(process.argv[1], "utf8").split("\n").filter(Boolean).map(JSON.parse);
  const nets = ["x", "mastodon", "bluesky", "linkedin"];
  const out = fs.openSync(process.argv[2], "w");
  let buf = [];
  for (let i = 0; i < Number(process.argv[3]); i++) {
    buf.push(JSON.stringify({ id: i, text: s[i % s.length], network: nets[i % 4] }));
    if (buf.length === 10000) { fs.writeSync(out, buf.join("\n") + "\n"); buf = []; }
  }
  if (buf.length) fs.writeSync(out, buf.join("\n") + "\n");
' "$WORK/sentences.json" "$WORK/posts.ndjson" "$POSTS"
echo "== $POSTS posts ($(du -m "$WORK/posts.ndjson" | cut -f1) MB)"

# posts/s of one run of the command "$@" over the file
rate() {
  local t0 t1
  t0=$(date +%s.%N)
  "$@" <"$WORK/posts.ndjson" >"$WORK/out.ndjson" 2>/dev/null
  t1=$(date +%s.%N)
  [[ $(wc -l <"$WORK/out.ndjson") -eq $POSTS ]] || { echo "wrong output: $*" >&2; exit 1; }
  echo "$POSTS $t0 $t1" | awk '{printf "%.0f\n", $1 / ($3 - $2)}'
}
best() { printf '%s\n' "$@" | sort -n | tail -1; }
declare -a REF NOW BEFORE
for round in 1 2; do
  REF+=("$(rate node bench/vader_ndjson.mjs)")
  NOW+=("$(rate "$BIN" text analyze)")
  [[ -n $BASE ]] && BEFORE+=("$(rate "$BASE" text analyze)")
  echo "round $round: reference VADER ${REF[-1]}/s, now ${NOW[-1]}/s${BASE:+, baseline ${BEFORE[-1]}/s}"
done
r=$(best "${REF[@]}") n=$(best "${NOW[@]}")
echo "== best of two: reference VADER $r posts/s, text analyze $n posts/s: $(echo "$n $r" | awk '{printf "%.1f", $1/$2}')x the reference"
if [[ -n $BASE ]]; then
  b=$(best "${BEFORE[@]}")
  echo "== baseline text analyze $b posts/s: now $(echo "$n $b" | awk '{printf "%.1f", $1/$2}')x the baseline, the baseline $(echo "$b $r" | awk '{printf "%.1f", $1/$2}')x the reference"
fi
