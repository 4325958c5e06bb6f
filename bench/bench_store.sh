# Sourced by the benchmark scripts: bench_store BIN WORK UNITS TOPICS STORE_FLAGS...
# Fills a store (given by its flags, --data DIR or --db URI) the way the ingest benchmarks need:
# the demo organisation and the units bench-1 … bench-UNITS, made through the API of a `BIN
# serve` the function starts and stops, then the topics of TOPICS (`topic import`). Prints the
# import's summary line on standard error. Its files go under WORK.
bench_store() {
  local bin=$1 work=$2 units=$3 topics=$4
  shift 4
  "$bin" serve "$@" --port 0 --seed-demo >"$work/serve.log" 2>&1 &
  local pid=$! url=""
  for _ in $(seq 100); do
    url=$(grep -oE 'http://[0-9.]+:[0-9]+' "$work/serve.log" | head -1 || true)
    [[ -n $url ]] && curl -sf "$url/readyz" >/dev/null 2>&1 && break
    sleep 0.1
  done
  node "$(dirname "${BASH_SOURCE[0]}")/bench_units.mjs" "$url" "$units" >/dev/null
  kill "$pid"; wait "$pid" 2>/dev/null || true
  "$bin" topic import "$@" "$topics" | tail -1 >&2
}
