// What the API tests use to hold results to their declarations:
// documents.d.ts (generated from the core's JSON Schemas) read for its
// interfaces by name, each field with whether it is optional, and the
// branches of its unions of object types (a batch item) the same way.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'

/** The text of documents.d.ts. */
export const dts = readFileSync(new URL('../documents.d.ts', import.meta.url), 'utf8')

const declarations = new Map()
const unions = new Map()
const fieldsOf = (body, indent) => {
  const fields = new Map()
  for (const [, field, optional] of body.matchAll(new RegExp(`^ {${indent}}(\\w+)(\\?)?:`, 'gm'))) {
    fields.set(field, optional === '?')
  }
  return fields
}
for (const [, name, body] of dts.matchAll(/^export interface (\w+) \{\n([\s\S]*?)^\}/gm)) {
  declarations.set(name, fieldsOf(body, 2))
}
for (const [, name, body] of dts.matchAll(/^export type (\w+) =\n((?: {2}\| \{\n[\s\S]*?^ {4}\}\n)+)/gm)) {
  unions.set(name, [...body.matchAll(/^ {2}\| \{\n([\s\S]*?)^ {4}\}/gm)].map(([, branch]) => fieldsOf(branch, 6)))
}

/** Whether `value` has every required field of `fields`, and no field they lack. */
function fits(fields, value) {
  return (
    Object.keys(value).every((key) => fields.has(key)) &&
    [...fields].every(([key, optional]) => optional || Object.hasOwn(value, key))
  )
}

/** Asserts that `value` has every required field of `name`, and no field it lacks. */
export function declares(name, value) {
  const fields = declarations.get(name)
  assert.ok(fields, `no interface ${name} in documents.d.ts`)
  for (const key of Object.keys(value)) assert.ok(fields.has(key), `${name} does not declare ${key}`)
  for (const [key, optional] of fields) {
    if (!optional) assert.ok(Object.hasOwn(value, key), `${name}.${key} is declared but missing`)
  }
}

/** Asserts that `value` fits exactly one branch of the union `name`. */
export function declaresOneOf(name, value) {
  const branches = unions.get(name)
  assert.ok(branches?.length, `no union of objects ${name} in documents.d.ts`)
  const fitting = branches.filter((fields) => fits(fields, value))
  assert.equal(fitting.length, 1, `${JSON.stringify(value)} fits ${fitting.length} branches of ${name}`)
}
