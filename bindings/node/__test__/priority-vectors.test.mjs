// Runs every conformance vector in tests/vectors/priority/ as
// tests/vectors/README.md describes: each case asks the file's matrix (a plain
// object) for the priority of its impact and urgency with its fields, and the
// answer, the core's document as a plain object, must contain `expect`; a case
// that must fail gives `{error: <code>}`. Every invalid matrix must fail to
// load, as an object and as JSON text, with exactly the code and message given.
// When a file has `expect_lint`, the matrix's lint() is exactly that list.

import assert from 'node:assert/strict'
import { describe, test } from 'node:test'

import { PriorityMatrix } from '../index.js'
import { answerOrError, difference, loadResult, vectorFiles } from './vector-support.mjs'

const files = vectorFiles('priority')
const load = (doc) => loadResult(PriorityMatrix.fromJSON, doc)

test('the priority vector directory has files', () => {
  assert.ok(files.length > 0, 'no vectors in tests/vectors/priority')
})

for (const { name: file, vectors } of files) {

  if (vectors.matrix) {
    describe(`${file}: cases`, () => {
      const matrix = PriorityMatrix.fromJSON(vectors.matrix)
      for (const c of vectors.cases ?? []) {
        test(c.name, () => {
          const got = answerOrError(() => matrix.priority(c.impact, c.urgency, c.fields))
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
