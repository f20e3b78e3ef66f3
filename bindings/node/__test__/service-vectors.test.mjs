// Runs every conformance vector in tests/vectors/service/ as
// tests/vectors/README.md describes: each case applies its changes in order to
// a fresh graph read from the file's graph (a plain object), then asks its
// query; the answer, the core's document as a plain object, must contain
// `expect`, or the first refused change or query gives `{error, message}`.
// `expect_document` is exactly the graph's document afterwards. Every invalid
// graph must fail to load, as an object and as JSON text, with exactly the code
// and message given.

import assert from 'node:assert/strict'
import { describe, test } from 'node:test'

import { ServiceGraph } from '../index.js'
import { answerOrError, difference, loadResult, vectorFiles } from './vector-support.mjs'

const files = vectorFiles('service')
const load = (doc) => loadResult(ServiceGraph.fromJSON, doc)

test('the service vector directory has at least 50 vectors', () => {
  const total = files.reduce((n, { vectors }) => n + (vectors.cases ?? []).length + (vectors.invalid_graphs ?? []).length, 0)
  assert.ok(total >= 50, `only ${total} service vectors`)
})

for (const { name: file, vectors } of files) {
  if (vectors.graph) {
    describe(`${file}: cases`, () => {
      for (const c of vectors.cases ?? []) {
        test(c.name, () => {
          const graph = ServiceGraph.fromJSON(vectors.graph)
          const got = answerOrError(() => {
            for (const change of c.changes ?? []) graph.apply(change)
            return 'query' in c ? graph.impact(c.query) : {}
          }, { withMessage: true })
          const found = difference(got, c.expect)
          if (found !== null) assert.fail(found)
          if ('expect_document' in c) assert.deepStrictEqual(graph.toJSON(), c.expect_document)
        })
      }
    })
  }

  if (vectors.invalid_graphs) {
    describe(`${file}: invalid graphs`, () => {
      for (const c of vectors.invalid_graphs) {
        const expected = { code: `ITSM_${c.expect.error.toUpperCase()}`, message: c.expect.message }
        test(c.name, () => assert.deepStrictEqual(load(c.graph), expected))
        test(`${c.name} (as JSON text)`, () =>
          assert.deepStrictEqual(load(JSON.stringify(c.graph)), expected))
      }
    })
  }
}
