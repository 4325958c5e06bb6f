// The inbox benchmark's posts (bench/inbox_bench.sh): N native NDJSON lines
// over the last week, a fifth of them addressed to the demo's support
// channel (@acmehelp) with complaints and questions by 2,000,000 authors (nearly all one case each) (so
// that some join an earlier case of theirs and most open one), the rest
// listening chatter that no topic or rule takes. Deterministic.
//
// usage: node bench/inbox_corpus.mjs N OUT_FILE
import { createWriteStream } from 'node:fs';

const [nArg, out] = process.argv.slice(2);
const n = Number(nArg);
if (!n || !out) {
  console.error('usage: node bench/inbox_corpus.mjs N OUT_FILE');
  process.exit(2);
}
// mulberry32: 32-bit integer arithmetic, so the sequence does not collapse
// the way a float LCG does past 2^53.
let seed = 12345;
const rand = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (a) => a[Math.floor(rand() * a.length)];
const care = [
  '@acmehelp my router is broken again, this is terrible',
  '@acmehelp I want a refund, the blender arrived broken',
  '@acmehelp where is my parcel? It has been a week',
  '@acmehelp how do I reset my password?',
  '@acmehelp the app keeps crashing since the update, awful',
  '@acmehelp is there an outage in Leeds? no internet since noon',
  '@acmehelp my invoice is wrong, I was charged twice',
];
const chatter = [
  'lovely weather for a walk today',
  'just finished a great book about gardening',
  'who is watching the match tonight?',
  'coffee first, then everything else',
  'new recipe: lemon and thyme roast chicken',
];
const now = Date.now();
const week = 7 * 24 * 3600 * 1000;
const file = createWriteStream(out);
for (let i = 0; i < n; i++) {
  const addressed = rand() < 0.2;
  const author = addressed ? `c${Math.floor(rand() * 2000000)}` : `p${Math.floor(rand() * 200000)}`;
  const line = JSON.stringify({
    network: 'x',
    id: `inbox-${i}`,
    text: `${addressed ? pick(care) : pick(chatter)} #${i}`,
    created_at: now - week + Math.floor((i / n) * week),
    author: { id: author, handle: author, name: `Person ${author}`, followers: Math.floor(rand() * 5000) },
  });
  if (!file.write(`${line}\n`)) await new Promise((r) => file.once('drain', r));
}
file.end();
