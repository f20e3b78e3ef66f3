// Runs every conformance vector in tests/vectors/metrics/ as
// tests/vectors/README.md describes: each case reads the file's `metrics` and
// `records` (or its own) and reports its `period` as of `now`; the report
// (the core's document as a plain object) must contain `expect`, or the call
// fails with exactly `{error, message}`. Every case runs again with the
// metrics document as JSON text and the records' instants as `Date`s, and
// must give the same answer.

import assert from 'node:assert/strict'
import { describe, test } from 'node:test'

import { Metrics } from '../index.js'
import { answerOrError, difference, vectorFiles } from './vector-support.mjs'

const files = vectorFiles('metrics')

/** The case's own member `key`, else the file's. */
const either = (c, file, key) => (Object.hasOwn(c, key) ? c[key] : file[key])

/** RFC 3339 text of whole milliseconds at most, which a `Date` holds exactly. */
const INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,3})?(Z|[+-]\d\d:\d\d)$/

/** The records with every instant given as text turned into a `Date`; a
 * record that is not an object stays as it is. */
const withDates = (records) =>
  Array.isArray(records)
    ? records.map((r) =>
        r === null || typeof r !== 'object' ? r : Object.fromEntries(
          Object.entries(r).map(([key, value]) => [
            key,
            key.endsWith('_at') && typeof value === 'string' && INSTANT.test(value) ? new Date(value) : value,
          ]),
        ),
      )
    : records

let ran = 0

for (const { name: file, vectors } of files) {
  describe(file, () => {
    for (const c of vectors.cases ?? []) {
      test(c.name, () => {
        ran++
        const metrics = either(c, vectors, 'metrics') ?? {}
        const records = either(c, vectors, 'records') ?? []
        const now = new Date(c.now)
        const got = answerOrError(() => Metrics.fromJSON(metrics).report(records, c.period, now), {
          withMessage: true,
        })
        if (Object.hasOwn(c.expect, 'error')) {
          assert.deepStrictEqual(got, c.expect)
        } else {
          const found = difference(got, c.expect)
          if (found !== null) assert.fail(found)
        }
        const again = answerOrError(
          () => Metrics.fromJSON(JSON.stringify(metrics)).report(withDates(records), c.period, now),
          { withMessage: true },
        )
        assert.deepStrictEqual(again, got)
      })
    }
  })
}

test('at least 60 metrics vectors ran', () => {
  assert.ok(ran >= 60, `only ${ran} metrics vectors ran`)
})
