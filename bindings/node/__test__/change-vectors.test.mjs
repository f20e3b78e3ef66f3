// Runs every conformance vector in tests/vectors/change/ as
// tests/vectors/README.md describes: each case's assessment (the core's
// document as a plain object) must contain `expect`, or the call fails with
// `{error, message}` exactly. Every invalid policy must fail to load, as an
// object and as JSON text, with exactly the code and message given.

import assert from 'node:assert/strict'
import { describe, test } from 'node:test'

import { ChangeWindows, RiskPolicy, Schedule, ServiceGraph } from '../index.js'
import { answerOrError, difference, loadResult, vectorFiles } from './vector-support.mjs'

/** Dates as the core writes instants, so that answers compare with the vectors' JSON. */
const asJSON = (value) => JSON.parse(JSON.stringify(value))

const files = vectorFiles('change')
const load = (doc) => loadResult(RiskPolicy.fromJSON, doc)

test('the change vector directory has at least 30 vectors', () => {
  const total = files.reduce((n, { vectors }) =>
    n + (vectors.cases ?? []).length + (vectors.invalid_policies ?? []).length + (vectors.invalid_windows ?? []).length +
    (vectors.invalid_schedules ?? []).length, 0)
  assert.ok(total >= 30, `only ${total} change vectors`)
})

for (const { name: file, vectors } of files) {
  if (vectors.windows) {
    describe(`${file}: windows`, () => {
      const graph = ServiceGraph.fromJSON(vectors.graph)
      const windows = ChangeWindows.fromJSON(vectors.windows)
      const schedule = Schedule.fromJSON(vectors.schedule ?? { changes: [] })
      const run = {
        check: (c) => ({ conflicts: asJSON(windows.check(graph, c.change)) }),
        conflicts: () => ({ conflicts: asJSON(schedule.conflicts(graph)) }),
        conflicts_of: (c) => ({ conflicts: asJSON(schedule.conflictsOf(graph, c.change)) }),
        next_slot: (c) => ({ slot: asJSON(windows.nextSlot(graph, c.query, schedule)) }),
      }
      for (const c of vectors.cases ?? []) {
        test(c.name, () => {
          const got = answerOrError(() => run[c.op](c), { withMessage: true })
          const found = difference(got, c.expect)
          if (found !== null) assert.fail(found)
        })
      }
      for (const c of vectors.invalid_windows ?? []) {
        const expected = { code: `ITSM_${c.expect.error.toUpperCase()}`, message: c.expect.message }
        test(`invalid: ${c.name}`, () => assert.deepStrictEqual(loadResult(ChangeWindows.fromJSON, c.windows), expected))
        test(`invalid: ${c.name} (as JSON text)`, () =>
          assert.deepStrictEqual(loadResult(ChangeWindows.fromJSON, JSON.stringify(c.windows)), expected))
      }
      for (const c of vectors.invalid_schedules ?? []) {
        const expected = { code: `ITSM_${c.expect.error.toUpperCase()}`, message: c.expect.message }
        test(`invalid: ${c.name}`, () => assert.deepStrictEqual(loadResult(Schedule.fromJSON, c.schedule), expected))
      }
    })
    continue
  }
  describe(`${file}: cases`, () => {
    const policy = RiskPolicy.fromJSON(vectors.policy)
    for (const c of vectors.cases ?? []) {
      test(c.name, () => {
        const got = answerOrError(() => policy.assess(c.input), { withMessage: true })
        const found = difference(got, c.expect)
        if (found !== null) assert.fail(found)
        assert.deepStrictEqual(answerOrError(() => policy.assess(JSON.stringify(c.input)), { withMessage: true }), got)
      })
    }
  })
  describe(`${file}: invalid policies`, () => {
    for (const c of vectors.invalid_policies ?? []) {
      const expected = { code: `ITSM_${c.expect.error.toUpperCase()}`, message: c.expect.message }
      test(c.name, () => assert.deepStrictEqual(load(c.policy), expected))
      test(`${c.name} (as JSON text)`, () => assert.deepStrictEqual(load(JSON.stringify(c.policy)), expected))
    }
  })
}
