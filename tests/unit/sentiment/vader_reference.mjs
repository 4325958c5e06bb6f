// Scores sentences with the reference VADER, the npm package vader-sentiment
// (its JavaScript implementation), for the agreement test in
// sentiment_test.cc.
//
// usage: node vader_reference.mjs NODE_MODULES_DIR < sentences
// stdin: one JSON string per line. stdout: one JSON object per line,
// {"neg":..,"neu":..,"pos":..,"compound":..}, in the same order.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const nodeModules = process.argv[2];
if (!nodeModules) {
  console.error('usage: node vader_reference.mjs NODE_MODULES_DIR < sentences');
  process.exit(2);
}
const require = createRequire(import.meta.url);
const vader = require(path.join(nodeModules, 'vader-sentiment'));
const analyzer = vader.SentimentIntensityAnalyzer;

const lines = readFileSync(0, 'utf8').split('\n');
if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
const out = lines.map((line) => JSON.stringify(analyzer.polarity_scores(JSON.parse(line))));
process.stdout.write(out.length > 0 ? out.join('\n') + '\n' : '');
