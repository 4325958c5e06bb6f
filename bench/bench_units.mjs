// Creates the units bench-1 … bench-N under the hub through the API of a `dandelion serve
// --seed-demo` at URL (as its demo admin): the units ingest_corpus's topics go into, 200 each.
//
// usage: node bench/bench_units.mjs URL N
const [url, n] = process.argv.slice(2);
const login = await fetch(`${url}/api/v1/auth/login`, {
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ email: 'admin@demo.example', password: 'dandelion-demo' }),
});
if (login.status !== 200) throw new Error(`login: ${login.status} ${await login.text()}`);
const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
const csrf = (await login.json()).csrf_token;
for (let i = 1; i <= Number(n); i++) {
  const r = await fetch(`${url}/api/v1/units`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': csrf },
    body: JSON.stringify({ slug: `bench-${i}`, name: `Bench ${i}`, parent: 'hub' }),
  });
  if (r.status !== 201) throw new Error(`unit bench-${i}: ${r.status} ${await r.text()}`);
}
console.log(`created ${n} units`);
