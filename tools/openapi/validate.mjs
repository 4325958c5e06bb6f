#!/usr/bin/env node
// Validates the merged OpenAPI document:
//   node tools/openapi/validate.mjs FILE
// 1. as OpenAPI 3.x (@apidevtools/swagger-parser: structure, $refs, parameters);
// 2. for strictness, so that a contract test can tell when the server and the document drift apart.
//    Every object schema in components and in a response (at any depth) must
//      - say `additionalProperties: false` (an object without `properties` must be a map instead:
//        `additionalProperties: <schema of the values>`),
//      - have a `required` list naming only properties it has, and listing each of them, except a
//        property that is sometimes left out: it stays out of `required` and has a `description`
//        that says when it is absent (it contains the word "absent"). A property that is always
//        sent but may have no value is in `required` and nullable (`type: [..., "null"]`);
//      - not be built with `allOf` from object schemas (a strict part refuses the other part's
//        properties): write the object out.
// Prints every problem with its JSON pointer and exits 1 when there is one.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import SwaggerParser from '@apidevtools/swagger-parser';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const escape = (s) => String(s).replace(/~/g, '~0').replace(/\//g, '~1');
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const types = (s) => (Array.isArray(s.type) ? s.type : s.type === undefined ? [] : [s.type]);
const isObjectSchema = (s) => isObject(s) && (types(s).includes('object') || isObject(s.properties));

/** The strictness problems of `doc`, each as "pointer: what is wrong". */
export function strictnessProblems(doc) {
  const problems = [];
  const roots = [];
  for (const [name, s] of Object.entries(doc.components?.schemas ?? {})) roots.push([s, `/components/schemas/${escape(name)}`]);
  const responseSchemas = (responses, at) => {
    for (const [status, r] of Object.entries(responses ?? {})) {
      for (const [type, media] of Object.entries(r?.content ?? {})) {
        if (media?.schema) roots.push([media.schema, `${at}/${escape(status)}/content/${escape(type)}/schema`]);
      }
    }
  };
  for (const [name, r] of Object.entries(doc.components?.responses ?? {})) responseSchemas({ [name]: r }, '/components/responses');
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const m of METHODS) {
      if (item?.[m]) responseSchemas(item[m].responses, `/paths/${escape(path)}/${m}/responses`);
    }
  }
  for (const [s, at] of roots) check(s, at, problems);
  return problems;
}

function check(s, at, problems) {
  if (!isObject(s)) return;
  if (isObjectSchema(s)) {
    const props = isObject(s.properties) ? s.properties : null;
    if (!props) {
      if (!isObject(s.additionalProperties)) {
        problems.push(`${at}: an object schema without properties: describe its properties, or make it a map (additionalProperties: <schema>)`);
      }
    } else {
      if (s.additionalProperties !== false) problems.push(`${at}: lacks additionalProperties: false`);
      if (!Array.isArray(s.required)) {
        problems.push(`${at}: lacks a required list (name every property that is always sent)`);
      } else {
        for (const r of s.required) if (!(r in props)) problems.push(`${at}/required: names "${r}", which is not a property`);
      }
      const required = new Set(Array.isArray(s.required) ? s.required : []);
      for (const [name, p] of Object.entries(props)) {
        if (required.has(name) || !Array.isArray(s.required)) continue;
        if (!isObject(p) || typeof p.description !== 'string' || !/\babsent\b/i.test(p.description)) {
          problems.push(`${at}/properties/${escape(name)}: not in required, so its description must say when it is absent (or list it in required, nullable if it can be null)`);
        }
      }
    }
  }
  if (Array.isArray(s.allOf) && s.allOf.some((x) => isObjectSchema(x) || (isObject(x) && x.$ref))) {
    problems.push(`${at}/allOf: an allOf of object schemas cannot be strict; write the object out`);
  }
  for (const [k, v] of Object.entries(s.properties ?? {})) check(v, `${at}/properties/${escape(k)}`, problems);
  for (const [k, v] of Object.entries(s.patternProperties ?? {})) check(v, `${at}/patternProperties/${escape(k)}`, problems);
  if (isObject(s.additionalProperties)) check(s.additionalProperties, `${at}/additionalProperties`, problems);
  if (isObject(s.items)) check(s.items, `${at}/items`, problems);
  for (const key of ['prefixItems', 'allOf', 'anyOf', 'oneOf']) {
    if (Array.isArray(s[key])) s[key].forEach((v, i) => check(v, `${at}/${key}/${i}`, problems));
  }
  for (const key of ['not', 'if', 'then', 'else']) if (isObject(s[key])) check(s[key], `${at}/${key}`, problems);
}

async function main() {
  const file = process.argv[2];
  if (!file || process.argv.length > 3) {
    console.error('usage: validate.mjs FILE');
    process.exit(2);
  }
  const doc = JSON.parse(await readFile(file, 'utf8'));
  const problems = [];
  try {
    // swagger-parser dereferences in place: give it a copy.
    await SwaggerParser.validate(structuredClone(doc));
  } catch (e) {
    problems.push(`not a valid OpenAPI document: ${e.message}`);
  }
  problems.push(...strictnessProblems(doc));
  if (problems.length) {
    for (const p of problems) console.error(`validate.mjs: ${file}#${p}`);
    console.error(`validate.mjs: ${problems.length} problem(s)`);
    process.exit(1);
  }
  const ops = Object.values(doc.paths ?? {}).reduce((n, item) => n + METHODS.filter((m) => item?.[m]).length, 0);
  console.log(`validate.mjs: ${file}: valid OpenAPI ${doc.openapi}, strict (${ops} operations, ${Object.keys(doc.components?.schemas ?? {}).length} schemas)`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
