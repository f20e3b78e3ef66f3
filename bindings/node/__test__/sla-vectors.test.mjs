// Runs every conformance vector in tests/vectors/sla/, tests/vectors/batch/
// and tests/vectors/availability/ as tests/vectors/README.md describes: each case
// is evaluated the way a user would call the API (documents as plain objects,
// `now` as a Date), and its result, the core's document as JavaScript values
// (instants as Dates, durations as numbers of milliseconds), must contain
// `expect`, where an instant is written as its canonical text. Written with
// JSON.stringify, an evaluation is the core's canonical document, and
// evaluateJSON gives its canonical text byte for byte. Invalid documents must
// fail with exactly the error code and message given. An empty directory
// passes.

import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, describe, test } from 'node:test'

import { Availability, PolicySet, Timeline } from '../index.js'
import { answerOrError as resultOrError, difference, loadResult as load, vectorFiles, vectorRoot } from './vector-support.mjs'

/** The core's canonical text of each SLA case's evaluation, by `file / case name`. */
const canonical = JSON.parse(readFileSync(`${vectorRoot}canonical/sla.json`, 'utf8')).evaluations
const compared = new Set()

/** Asserts that `actual` contains `expected`, showing the first difference. */
function assertContains(actual, expected) {
  const found = difference(actual, expected)
  if (found !== null) assert.fail(found)
}

/**
 * Two subtests per invalid document: loading it as an object, and as JSON
 * text, fails with exactly the expected code and message.
 */
function invalidDocuments(file, title, list, key, fromJSON) {
  if (!Array.isArray(list)) return
  describe(title, () => {
    for (const c of list) {
      const expected = { code: `ITSM_${c.expect.error.toUpperCase()}` }
      if ('message' in c.expect) expected.message = c.expect.message
      const check = (doc) => {
        const got = load(fromJSON, doc)
        if (!('message' in c.expect)) delete got.message
        assert.deepStrictEqual(got, expected)
      }
      test(c.name, () => check(c[key]))
      test(`${c.name} (as JSON text)`, () => check(JSON.stringify(c[key])))
    }
  })
}

/** Loads a file-level document, keeping the error to report in every case. */
function loadOrError(fn) {
  try {
    return { value: fn() }
  } catch (error) {
    return { error }
  }
}

describe('SLA vectors (tests/vectors/sla)', () => {
  after(() => {
    // Every canonical text was met by an SLA case and compared byte for byte.
    assert.deepStrictEqual([...compared].sort(), Object.keys(canonical).sort())
  })
  const files = vectorFiles('sla')
  if (files.length === 0) {
    test('no SLA vectors yet', (t) => t.diagnostic(`no files in ${vectorRoot}sla`))
  }
  for (const { name, vectors } of files) {
    describe(name, () => {
      invalidDocuments(name, 'invalid_policies', vectors.invalid_policies, 'policies', PolicySet.fromJSON)
      invalidDocuments(name, 'invalid_timelines', vectors.invalid_timelines, 'timeline', Timeline.fromJSON)
      if (!('policies' in vectors) && !('template' in vectors)) return

      const loaded = loadOrError(() =>
        typeof vectors.template === 'string' ? PolicySet.template(vectors.template) : PolicySet.fromJSON(vectors.policies),
      )
      const policySet = () => {
        if (loaded.error) throw loaded.error
        return loaded.value
      }

      if ('expect_lint' in vectors) {
        test('lint', () => {
          const findings = policySet()
            .lint()
            .map(({ path, code }) => ({ path, code }))
          assert.deepStrictEqual(findings, vectors.expect_lint)
        })
      }

      const cases = vectors.cases ?? []
      for (const c of cases) {
        test(c.name, () => {
          const set = policySet()
          const got = resultOrError(() => set.evaluate(c.timeline, new Date(c.now)))
          assertContains(got, c.expect)
          const key = `${name} / ${c.name}`
          if (key in canonical) {
            assert.equal(set.evaluateJSON(c.timeline, new Date(c.now)), canonical[key], `${key}: canonical text`)
            // JSON.stringify writes each Date as its canonical text: the
            // native evaluation is the canonical document, value for value.
            assert.deepStrictEqual(JSON.parse(JSON.stringify(got)), JSON.parse(canonical[key]), `${key}: as JSON data`)
            compared.add(key)
          } else {
            assert.ok('error' in got, `${key}: evaluates, but has no canonical text`)
          }
        })
      }

      if (cases.length > 0) {
        test('evaluateBatch agrees with evaluate, case by case', () => {
          const set = policySet()
          const byNow = new Map()
          for (const c of cases) {
            if (!byNow.has(c.now)) byNow.set(c.now, [])
            byNow.get(c.now).push(c)
          }
          for (const [now, group] of byNow) {
            const batch = set.evaluateBatch(
              group.map((c) => c.timeline),
              new Date(now),
            )
            assert.equal(batch.length, group.length)
            group.forEach((c, i) => {
              const record = typeof c.timeline?.id === 'string' ? c.timeline.id : null
              try {
                const evaluation = set.evaluate(c.timeline, new Date(now))
                assert.deepStrictEqual(batch[i], { index: i, record, evaluation }, c.name)
              } catch (error) {
                if (!(typeof error?.code === 'string' && error.code.startsWith('ITSM_'))) throw error
                // The thrown error and the batch's error document carry the
                // same code (in the core's words in data) and message.
                assert.deepStrictEqual(
                  { index: batch[i].index, record: batch[i].record, code: batch[i].error?.code, message: batch[i].error?.message },
                  { index: i, record, code: error.code.slice('ITSM_'.length).toLowerCase(), message: error.message },
                  c.name,
                )
              }
            })
          }
        })
      }
    })
  }
})

describe('batch vectors (tests/vectors/batch)', () => {
  const files = vectorFiles('batch')
  if (files.length === 0) {
    test('no batch vectors yet', (t) => t.diagnostic(`no files in ${vectorRoot}batch`))
  }
  for (const { name, vectors } of files) {
    describe(name, () => {
      const set = () =>
        typeof vectors.template === 'string' ? PolicySet.template(vectors.template) : PolicySet.fromJSON(vectors.policies)
      // The records as a user holds them: plain objects, and the same
      // documents as JSON text. Both give exactly the expected items.
      const forms = [
        ['plain objects', vectors.records],
        ['JSON text', vectors.records.map((r) => JSON.stringify(r))],
      ]
      for (const [form, records] of forms) {
        test(`evaluateBatch over ${form}`, () => {
          const items = set().evaluateBatch(records, new Date(vectors.now), { explain: false })
          assertContains(items, vectors.expect)
          // Written as JSON data, the items are the same documents.
          assertContains(JSON.parse(JSON.stringify(items)), vectors.expect)
        })
      }
    })
  }
})

describe('availability vectors (tests/vectors/availability)', () => {
  const files = vectorFiles('availability')
  if (files.length === 0) {
    test('no availability vectors yet', (t) => t.diagnostic(`no files in ${vectorRoot}availability`))
  }
  for (const { name, vectors } of files) {
    describe(name, () => {
      invalidDocuments(name, 'invalid_availability', vectors.invalid_availability, 'availability', Availability.fromJSON)
      if (!('availability' in vectors)) return

      const loaded = loadOrError(() => Availability.fromJSON(vectors.availability))
      for (const c of vectors.cases ?? []) {
        test(c.name, () => {
          if (loaded.error) throw loaded.error
          const got = resultOrError(() => loaded.value.report(c.period, new Date(c.now)))
          assertContains(got, c.expect)
        })
      }
    })
  }
})
