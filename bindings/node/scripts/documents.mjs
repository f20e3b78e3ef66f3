#!/usr/bin/env node
// Writes documents.d.ts, the TypeScript declarations of the core's documents,
// from the JSON Schemas in schemas/ (which the core generates from its Rust
// types) with json-schema-to-typescript.
//
//   node scripts/documents.mjs           writes documents.d.ts
//   node scripts/documents.mjs --check   fails with a diff when documents.d.ts
//                                        is not what the schemas give
//
// Every schema carries its own copy of the definitions it uses, and schemars
// numbers a second name for a recursive definition (CalendarSpec2 for
// CalendarSpec). Before compiling, the schemas are combined into one whose
// definitions are deduplicated: definitions with the same structure (the
// same JSON, references followed) become one, named by the document's title
// when one of them is a document, else by its shortest name. Two different
// definitions with the same name are an error.

import { spawnSync } from 'node:child_process'
import { readFileSync, readdirSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { compile } from 'json-schema-to-typescript'

const here = dirname(fileURLToPath(import.meta.url))
const schemas = join(here, '..', '..', '..', 'schemas')
const output = join(here, '..', 'documents.d.ts')

/** Every definition of every schema: `{ file, name, body, root }`. */
function readDefinitions() {
  const nodes = []
  for (const file of readdirSync(schemas).filter((f) => f.endsWith('.schema.json')).sort()) {
    const { $defs = {}, $id, $schema, title, ...root } = JSON.parse(readFileSync(join(schemas, file), 'utf8'))
    if (!title) throw new Error(`schemas/${file} has no title`)
    nodes.push({ file, name: title, body: root, root: true })
    for (const [name, body] of Object.entries($defs)) {
      const { title: _, ...rest } = body
      nodes.push({ file, name, body: rest, root: false })
    }
  }
  return nodes
}

/** The key of the definition a `$ref` of `file` points to. */
function target(file, ref) {
  if (ref === '#') return `${file}#`
  const match = /^#\/\$defs\/([^/]+)$/.exec(ref)
  if (!match) throw new Error(`schemas/${file}: unsupported $ref ${ref}`)
  return `${file}#${match[1]}`
}

/** `body` with every `$ref` replaced by `rename(key)`. */
function mapRefs(file, body, rename) {
  if (Array.isArray(body)) return body.map((item) => mapRefs(file, item, rename))
  if (body === null || typeof body !== 'object') return body
  const out = {}
  for (const [key, value] of Object.entries(body)) {
    out[key] = key === '$ref' && typeof value === 'string'
      ? rename(target(file, value))
      : mapRefs(file, value, rename)
  }
  return out
}

/** Combines every schema into one with deduplicated `$defs`. */
function combine() {
  const nodes = readDefinitions()
  const titles = new Map(nodes.filter((n) => n.root).map((n) => [n.file, n.name]))
  // A document is `file#`, a definition `file#name`, as `$ref`s point to them.
  const keyOf = (n) => (n.root ? `${n.file}#` : `${n.file}#${n.name}`)
  // Partition refinement: definitions are alike when their JSON is the same
  // once each reference is replaced by the class of its target.
  let classes = new Map(nodes.map((n) => [keyOf(n), 0]))
  for (;;) {
    const signatures = new Map()
    const next = new Map()
    for (const n of nodes) {
      const signature = JSON.stringify([classes.get(keyOf(n)), mapRefs(n.file, n.body, (k) => classes.get(k))])
      if (!signatures.has(signature)) signatures.set(signature, signatures.size)
      next.set(keyOf(n), signatures.get(signature))
    }
    const stable = new Set(next.values()).size === new Set(classes.values()).size
    classes = next
    if (stable) break
  }
  // One name per class.
  const members = new Map()
  for (const n of nodes) {
    const c = classes.get(keyOf(n))
    if (!members.has(c)) members.set(c, [])
    members.get(c).push(n)
  }
  const names = new Map()
  for (const [c, list] of members) {
    const roots = [...new Set(list.filter((n) => n.root).map((n) => n.name))]
    if (roots.length > 1) throw new Error(`documents ${roots.join(' and ')} have the same schema`)
    const candidates = roots.length ? roots : [...new Set(list.map((n) => n.name))]
    candidates.sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0))
    const name = RENAMES[candidates[0]] ?? candidates[0]
    if (GLOBALS.has(name)) throw new Error(`the definition ${name} would hide the global ${name}: add it to RENAMES`)
    names.set(c, name)
  }
  const taken = new Map()
  for (const [c, name] of names) {
    if (taken.has(name)) {
      const where = (k) => members.get(k).map((n) => `schemas/${n.file} ${n.name}`).join(', ')
      throw new Error(`two different definitions are both named ${name}: ${where(taken.get(name))} and ${where(c)}`)
    }
    taken.set(name, c)
  }
  const $defs = {}
  for (const [c, list] of [...members].sort(([a], [b]) => (names.get(a) < names.get(b) ? -1 : 1))) {
    const n = list[0]
    const name = names.get(c)
    $defs[name] = { title: name, ...mapRefs(n.file, n.body, (k) => `#/$defs/${names.get(classes.get(k))}`) }
  }
  for (const [name, body] of Object.entries($defs)) $defs[name] = simplify(body)
  nativeTypes($defs)
  const documents = [...titles.values()].sort()
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'AnyDocument',
    description: 'Any document of the core.',
    anyOf: documents.map((name) => ({ $ref: `#/$defs/${name}` })),
    $defs,
  }
}

/**
 * The JavaScript types of the binding's results: an instant (`Instant`,
 * `OptionalInstant`) is a `Date` in what the binding returns, and a duration
 * in milliseconds (`DurationMs`) stays a number, JavaScript's duration type.
 * Documents passed in take `Input<T>`, which accepts the ISO text too.
 */
const NATIVE = {
  Instant: {
    tsType: 'Date',
    description:
      'An instant: a `Date` in what the binding returns, whose JSON form is the canonical text ' +
      '2026-11-23T09:00:00.000Z. A document passed in (`Input<T>`) may give it as RFC 3339 text ' +
      'with an offset (2026-11-23T09:00:00Z) instead.',
  },
  OptionalInstant: { tsType: 'Date | null', description: 'An instant (see `Instant`), or null.' },
}

/** Gives the definitions of `NATIVE` their JavaScript type. */
function nativeTypes($defs) {
  for (const [name, { tsType, description }] of Object.entries(NATIVE)) {
    if ($defs[name]?.type === undefined) throw new Error(`no definition ${name} in schemas/: update NATIVE`)
    $defs[name] = { title: name, description, tsType }
  }
  if ($defs.DurationMs?.type !== 'integer') throw new Error('DurationMs is no longer an integer: update NATIVE')
}

/** Keywords that only constrain which properties appear together. */
const CONSTRAINTS = new Set(['required', 'not', 'oneOf', 'anyOf', 'allOf', 'description', 'dependentRequired'])

/** Whether `schema` only says which properties must or must not appear. */
function constraintOnly(schema) {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return false
  return Object.entries(schema).every(([key, value]) =>
    !CONSTRAINTS.has(key)
      ? false
      : ['not'].includes(key)
        ? constraintOnly(value)
        : ['oneOf', 'anyOf', 'allOf'].includes(key)
          ? value.every(constraintOnly)
          : true,
  )
}

/**
 * Rewrites what json-schema-to-typescript renders badly, keeping the types:
 * - a `$ref` with siblings (a description) becomes an `allOf` of the `$ref`,
 *   so that the reference keeps its name instead of becoming a copy, and
 *   loses its `default`;
 * - `prefixItems` (2020-12 tuples) become `items` as an array (draft 7);
 * - a `oneOf` or `anyOf` that only says which properties go together is left
 *   out (TypeScript cannot say "not both"), and one whose branches add
 *   properties to an object is spread: each branch gets the object's
 *   properties, so that the document is a plain union of objects.
 */
function simplify(schema) {
  if (Array.isArray(schema)) return schema.map(simplify)
  if (schema === null || typeof schema !== 'object') return schema
  let out = {}
  for (const [key, value] of Object.entries(schema)) out[key] = simplify(value)
  if (typeof out.$ref === 'string' && Object.keys(out).length > 1) {
    // A `default` next to it would make json-schema-to-typescript narrow the
    // reference to the default's type (`Anchor & string`).
    const { $ref, default: _, ...rest } = out
    out = { ...rest, allOf: [{ $ref }] }
  }
  if (Array.isArray(out.prefixItems)) {
    const { prefixItems, items, ...rest } = out
    out = { ...rest, items: prefixItems, additionalItems: items === undefined ? true : items }
  }
  for (const key of ['oneOf', 'anyOf']) {
    if (!Array.isArray(out[key])) continue
    if (out[key].every(constraintOnly)) {
      delete out[key]
      delete out.not
    } else if (out.properties && out[key].every((b) => b.properties && !b.$ref)) {
      const { [key]: branches, properties, required = [], type, additionalProperties, ...rest } = out
      out = {
        ...rest,
        [key]: branches.map(({ properties: own, required: needed = [], type: _, ...branch }) => ({
          ...branch,
          type: 'object',
          ...(additionalProperties === undefined ? {} : { additionalProperties }),
          properties: { ...properties, ...own },
          required: [...required, ...needed],
        })),
      }
    }
  }
  delete out.dependentRequired
  return out
}

/** Names the declarations cannot take: they would hide JavaScript's own. */
const RENAMES = { Date: 'LocalDate' }
const GLOBALS = new Set(['Array', 'BigInt', 'Boolean', 'Date', 'Error', 'Function', 'Map', 'Number', 'Object', 'Promise', 'Record', 'Set', 'String', 'Symbol'])

const BANNER = `/* Generated from schemas/*.schema.json by scripts/documents.mjs (json-schema-to-typescript): do not edit. */
/* eslint-disable */`

/** Declarations the schemas cannot express, appended to the generated ones. */
const EXTRA = `
/**
 * A document as the binding reads it: an instant may be a \`Date\` or its
 * RFC 3339 text; wherever the document holds other text, a \`Date\` may
 * stand too (read as its canonical ISO text, as \`JSON.stringify\` writes
 * it), and wherever it holds a number, a \`bigint\` that is a safe integer
 * (read as that number). Names of fixed sets (\`'sla'\`) stay text.
 */
export type Input<T> = T extends Date
  ? Date | string
  : T extends string
    ? string extends T
      ? T | Date
      : T
    : T extends number
      ? T | bigint
      : T extends readonly (infer U)[]
        ? Input<U>[]
        : T extends object
          ? { [K in keyof T]: Input<T[K]> }
          : T

/**
 * A document as JSON data: every \`Date\` as its canonical ISO text
 * (\`2026-11-23T09:00:00.000Z\`). What \`toJSON()\` methods return, what
 * \`JSON.stringify\` writes of a result, and what \`JSON.parse\` gives back
 * of \`evaluateJSON\`.
 */
export type JSONData<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? JSONData<U>[]
    : T extends object
      ? { [K in keyof T]: JSONData<T[K]> }
      : T
`

async function generate() {
  const schema = combine()
  const dts = await compile(schema, 'AnyDocument', {
    bannerComment: BANNER,
    additionalProperties: false,
    unreachableDefinitions: false,
    strictIndexSignatures: false,
    format: true,
    style: { semi: false, singleQuote: true, printWidth: 100, trailingComma: 'all' },
  })
  return dts + EXTRA
}

const text = await generate()
if (process.argv.includes('--check')) {
  let current = ''
  try {
    current = readFileSync(output, 'utf8')
  } catch {}
  if (current !== text) {
    const dir = mkdtempSync(join(tmpdir(), 'documents-'))
    try {
      writeFileSync(join(dir, 'documents.d.ts'), text)
      const diff = spawnSync(
        'diff',
        ['-u', '--label', 'documents.d.ts (committed)', '--label', 'documents.d.ts (from schemas/)', output, join(dir, 'documents.d.ts')],
        { encoding: 'utf8' },
      )
      process.stderr.write(diff.stdout || diff.stderr || '')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
    console.error(
      'bindings/node/documents.d.ts is not what schemas/ gives: run `node scripts/documents.mjs` in bindings/node and commit it.',
    )
    process.exit(1)
  }
} else {
  writeFileSync(output, text)
}
