// The reference for `dandelion text analyze`: VADER (npm vader-sentiment, the JavaScript port of
// the reference implementation) over the same NDJSON lines {"id", "text", "network"}, one JSON
// line {"id", "compound"} out per line in, whole process as `text analyze` is timed. It scores
// sentiment only, where `text analyze` also finds entities, language, intent and PII.
//   node bench/vader_ndjson.mjs < posts.ndjson > /dev/null
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';

const require = createRequire(import.meta.url);
const analyzer = require('vader-sentiment').SentimentIntensityAnalyzer;
const out = [];
for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
  if (!line) continue;
  const post = JSON.parse(line);
  out.push(JSON.stringify({ id: post.id, compound: analyzer.polarity_scores(post.text).compound }));
  if (out.length >= 1000) process.stdout.write(`${out.splice(0).join('\n')}\n`);
}
if (out.length) process.stdout.write(`${out.join('\n')}\n`);
