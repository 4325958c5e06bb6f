// Times the reference VADER (npm vader-sentiment, JavaScript) on the
// sentences of bench/sentiment_bench.cc, for the C++/JS speed ratio:
//   build/bench/sentiment_bench --print_sentences | node bench/vader_js_bench.mjs
// stdin: one JSON string per line. Prints sentences/s on one core (node runs
// the scoring on its main thread), best of several rounds after a warm-up.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const analyzer = require('vader-sentiment').SentimentIntensityAnalyzer;

const sentences = readFileSync(0, 'utf8')
  .split('\n')
  .filter((line) => line.length > 0)
  .map((line) => JSON.parse(line));
if (sentences.length === 0) {
  console.error('no sentences on stdin; pipe `sentiment_bench --print_sentences` in');
  process.exit(2);
}

let sink = 0;
function round() {
  const start = process.hrtime.bigint();
  for (const s of sentences) sink += analyzer.polarity_scores(s).compound;
  return Number(process.hrtime.bigint() - start) / 1e9;
}

for (let i = 0; i < 3; ++i) round(); // warm-up: let the JIT compile
const rounds = 10;
let best = Infinity;
let total = 0;
for (let i = 0; i < rounds; ++i) {
  const seconds = round();
  best = Math.min(best, seconds);
  total += seconds;
}
const perSecond = sentences.length / best;
console.log(
  JSON.stringify({
    implementation: 'vader-sentiment (JavaScript) ' + require('vader-sentiment/package.json').version,
    node: process.version,
    sentences: sentences.length,
    rounds,
    best_sentences_per_second: Math.round(perSecond),
    mean_sentences_per_second: Math.round((sentences.length * rounds) / total),
    ns_per_sentence: Math.round(1e9 / perSecond),
    checksum: sink.toFixed(4),
  }),
);
