#!/usr/bin/env node
// Merges the OpenAPI document of the API from its parts and writes it to OUT_FILE:
//   node tools/openapi/merge.mjs OUT_FILE
// The parts are src/http/openapi.base.json (openapi, info, security, the shared components and the
// operational endpoints) and every src/http/<capability>/openapi.json, in sorted order. A capability
// part holds only `paths` and `components`. A path+method, a path-level field or a component name
// defined by two files is an error naming both; so is a '#/components/...' $ref that nothing defines.
// The output is deterministic: the base's top-level keys in a fixed order, paths in the order of the
// files (base first, then the parts sorted by folder), components sorted by section and by name,
// everything else in the order of its file; 2-space JSON with a trailing newline.
import { mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const HTTP = join(ROOT, 'src/http');
const BASE = join(HTTP, 'openapi.base.json');
const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);
const TOP_LEVEL = ['openapi', 'info', 'jsonSchemaDialect', 'servers', 'security', 'tags', 'externalDocs', 'webhooks', 'paths', 'components'];
const PART_KEYS = new Set(['paths', 'components']);

class MergeError extends Error {}

const rel = (file) => relative(ROOT, file);
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const escape = (s) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/** The part files: the base, then src/http/<capability>/openapi.json sorted by capability. */
export async function partFiles() {
  const entries = await readdir(HTTP, { withFileTypes: true });
  const dirs = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const parts = [];
  for (const d of dirs) {
    const file = join(HTTP, d, 'openapi.json');
    try {
      await readFile(file);
      parts.push(file);
    } catch (e) {
      if (e.code !== 'ENOENT') throw e;
    }
  }
  return [BASE, ...parts];
}

async function load(file) {
  let text;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new MergeError(`${rel(file)}: cannot read it (${e.code ?? e.message})`);
  }
  try {
    const doc = JSON.parse(text);
    if (!isObject(doc)) throw new Error('not a JSON object');
    return doc;
  } catch (e) {
    throw new MergeError(`${rel(file)}: not valid JSON (${e.message})`);
  }
}

/** Merges the parsed files ([file, doc] pairs, base first) into one document. */
export function mergeDocs(docs) {
  const [[baseFile, base], ...parts] = docs;
  for (const key of ['openapi', 'info', 'paths']) {
    if (!(key in base)) throw new MergeError(`${rel(baseFile)}: has no "${key}"`);
  }
  const out = {};
  for (const key of TOP_LEVEL) if (key in base && key !== 'paths' && key !== 'components') out[key] = base[key];
  for (const key of Object.keys(base)) {
    if (!TOP_LEVEL.includes(key) && !key.startsWith('x-')) throw new MergeError(`${rel(baseFile)}: unknown top-level key "${key}"`);
    if (key.startsWith('x-')) out[key] = base[key];
  }
  const paths = {};
  const pathOwner = new Map(); // "path method" -> file
  const components = {};
  const componentOwner = new Map(); // "section/name" -> file

  for (const [file, doc] of docs) {
    if (file !== baseFile) {
      for (const key of Object.keys(doc)) {
        if (!PART_KEYS.has(key)) throw new MergeError(`${rel(file)}: a capability part holds only "paths" and "components", not "${key}"`);
      }
    }
    for (const [path, item] of Object.entries(doc.paths ?? {})) {
      if (!path.startsWith('/')) throw new MergeError(`${rel(file)}: path "${path}" does not start with /`);
      if (!isObject(item)) throw new MergeError(`${rel(file)}: paths["${path}"] is not an object`);
      paths[path] ??= {};
      for (const [field, value] of Object.entries(item)) {
        const key = `${path} ${field}`;
        const what = METHODS.has(field) ? `${field.toUpperCase()} ${path}` : `the "${field}" of path ${path}`;
        if (pathOwner.has(key)) throw new MergeError(`${what} is defined twice: in ${rel(pathOwner.get(key))} and in ${rel(file)}`);
        pathOwner.set(key, file);
        paths[path][field] = value;
      }
    }
    for (const [section, entries] of Object.entries(doc.components ?? {})) {
      if (!isObject(entries)) throw new MergeError(`${rel(file)}: components.${section} is not an object`);
      components[section] ??= {};
      for (const [name, value] of Object.entries(entries)) {
        const key = `${section}/${name}`;
        if (componentOwner.has(key)) {
          throw new MergeError(`component ${key} is defined twice: in ${rel(componentOwner.get(key))} and in ${rel(file)}`);
        }
        componentOwner.set(key, file);
        components[section][name] = value;
      }
    }
  }

  out.paths = paths;
  const sorted = {};
  for (const section of Object.keys(components).sort()) {
    sorted[section] = {};
    for (const name of Object.keys(components[section]).sort()) sorted[section][name] = components[section][name];
  }
  out.components = sorted;

  // Every local $ref must land on something; name the file that holds a dangling one.
  for (const [file, doc] of docs) {
    walkRefs(doc, '', (ref, at) => {
      if (!ref.startsWith('#/')) throw new MergeError(`${rel(file)}#${at}: only local refs ('#/components/...') are allowed, not "${ref}"`);
      if (resolvePointer(out, ref.slice(1)) === undefined) throw new MergeError(`${rel(file)}#${at}: $ref "${ref}" points at nothing in the merged document`);
    });
  }
  return out;
}

function walkRefs(node, at, fn) {
  if (Array.isArray(node)) {
    node.forEach((v, i) => walkRefs(v, `${at}/${i}`, fn));
  } else if (isObject(node)) {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') fn(v, at);
      else walkRefs(v, `${at}/${escape(k)}`, fn);
    }
  }
}

/** The value at a JSON pointer ("/a/b~1c"), or undefined. */
export function resolvePointer(doc, pointer) {
  let at = doc;
  for (const raw of pointer.split('/').slice(1)) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (at === null || typeof at !== 'object' || !(key in at)) return undefined;
    at = at[key];
  }
  return at;
}

/** Reads every part and merges them. */
export async function merge() {
  const files = await partFiles();
  const docs = [];
  for (const f of files) docs.push([f, await load(f)]);
  return mergeDocs(docs);
}

async function main() {
  const outFile = process.argv[2];
  if (!outFile || process.argv.length > 3) {
    console.error('usage: merge.mjs OUT_FILE');
    process.exit(2);
  }
  let doc;
  try {
    doc = await merge();
  } catch (e) {
    if (!(e instanceof MergeError)) throw e;
    console.error(`merge.mjs: ${e.message}`);
    process.exit(1);
  }
  const out = resolve(outFile);
  await mkdir(dirname(out), { recursive: true });
  const tmp = `${out}.tmp-${process.pid}`;
  await writeFile(tmp, `${JSON.stringify(doc, null, 2)}\n`);
  await rename(tmp, out);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
