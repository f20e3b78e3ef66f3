// Runs every conformance vector in tests/vectors/priority/ as
// tests/vectors/README.md describes: each case asks the file's matrix (a plain
// object) for the priority of its impact and urgency with its fields, and the
// answer, the core's document as a plain object, must contain `expect`; a case
// that must fail gives `{error: <code>}`. Every invalid matrix must fail to
// load, as an object and as JSON text, with exactly the code and message given.
// When a file has `expect_lint`, the matrix's lint() is exactly that list.

import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'

import { PriorityMatrix } from '../index.js'

const vectorDir = fileURLToPath(new URL('../../../tests/vectors/priority/', import.meta.url))
const files = readdirSync(vectorDir)
  .filter((name) => name.endsWith('.json'))
  .sort()

const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value)
const show = (value) => JSON.stringify(value)

/**
 * The first difference between `actual` and what it must contain, or null: an
 * expected object matches an object holding every key it lists, each matching;
 * an expected array matches an array of the same length, element by element;
 * scalars match by equality.
 */
function difference(actual, expected, path = '$') {
  if (isObject(expected)) {
    if (!isObject(actual)) return `${path}: got ${show(actual)}, expected an object ${show(expected)}`
    for (const [key, want] of Object.entries(expected)) {
      const here = `${path}.${key}`
      if (!Object.hasOwn(actual, key)) return `${here}: missing, expected ${show(want)}`
      const found = difference(actual[key], want, here)
      if (found !== null) return found
    }
    return null
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${path}: got ${show(actual)}, expected an array ${show(expected)}`
    if (actual.length !== expected.length) {
      return `${path}: ${actual.length} elements, expected ${expected.length}: ${show(actual)}`
    }
    for (let i = 0; i < expected.length; i++) {
      const found = difference(actual[i], expected[i], `${path}[${i}]`)
      if (found !== null) return found
    }
    return null
  }
  return actual === expected ? null : `${path}: got ${show(actual)}, expected ${show(expected)}`
}

/** The answer of `fn`, or the README's error object `{error: <code>}` for a core error. */
function resultOrError(fn) {
  try {
    return fn()
  } catch (error) {
    if (typeof error?.code === 'string' && error.code.startsWith('ITSM_')) {
      return { error: error.code.slice('ITSM_'.length).toLowerCase() }
    }
    throw error
  }
}

/** What loading a document gives: `{code, message}` of the error, or `{code: null}`. */
function load(doc) {
  try {
    PriorityMatrix.fromJSON(doc)
    return { code: null }
  } catch (error) {
    return { code: error.code, message: error.message }
  }
}

test('the priority vector directory has files', () => {
  assert.ok(files.length > 0, `no vectors in ${vectorDir}`)
})

for (const file of files) {
  const vectors = JSON.parse(readFileSync(vectorDir + file, 'utf8'))

  if (vectors.matrix) {
    describe(`${file}: cases`, () => {
      const matrix = PriorityMatrix.fromJSON(vectors.matrix)
      for (const c of vectors.cases ?? []) {
        test(c.name, () => {
          const got = resultOrError(() => matrix.priority(c.impact, c.urgency, c.fields))
          const found = difference(got, c.expect)
          if (found !== null) assert.fail(found)
        })
      }
      if ('expect_lint' in vectors) {
        test('expect_lint', () => assert.deepStrictEqual(matrix.lint(), vectors.expect_lint))
      }
    })
  }

  if (vectors.invalid_matrices) {
    describe(`${file}: invalid matrices`, () => {
      for (const c of vectors.invalid_matrices) {
        const expected = { code: `ITSM_${c.expect.error.toUpperCase()}`, message: c.expect.message }
        test(c.name, () => assert.deepStrictEqual(load(c.matrix), expected))
        test(`${c.name} (as JSON text)`, () =>
          assert.deepStrictEqual(load(JSON.stringify(c.matrix)), expected))
      }
    })
  }
}
