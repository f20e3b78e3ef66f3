// Runs every conformance vector in tests/vectors/calendar/ as
// tests/vectors/README.md describes: inputs become Dates and numbers the way a
// user would write them, results become the README's result objects (Dates as
// toISOString()), and each is compared with `expect` for exact equality.

import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'

import { Calendar } from '../index.js'
import { loadResult } from './vector-support.mjs'

const load = (doc) => loadResult(Calendar.fromJSON, doc)

const vectorDir = fileURLToPath(new URL('../../../tests/vectors/calendar/', import.meta.url))
const files = readdirSync(vectorDir)
  .filter((name) => name.endsWith('.json'))
  .sort()

const instant = (text) => new Date(text)
const iso = (date) => date.toISOString()

/** Runs one case and builds its result object; core errors become `{error}`. */
function run(calendar, c) {
  try {
    switch (c.op) {
      case 'business_duration':
        return { duration_ms: calendar.businessDuration(instant(c.start), instant(c.end)) }
      case 'add_business':
        return { instant: iso(calendar.addBusiness(instant(c.start), c.duration_ms)) }
      case 'subtract_business':
        return { instant: iso(calendar.subtractBusiness(instant(c.end), c.duration_ms)) }
      case 'add_working_days':
        return { instant: iso(calendar.addWorkingDays(instant(c.start), c.days, c.mode)) }
      case 'is_working':
        return { working: calendar.isWorking(instant(c.at)) }
      case 'next_opening':
        return { instant: iso(calendar.nextOpening(instant(c.at))) }
      case 'next_closing': {
        const closing = calendar.nextClosing(instant(c.at))
        return { instant: closing === null ? null : iso(closing) }
      }
      case 'working_intervals':
        return {
          intervals: calendar
            .workingIntervals(instant(c.start), instant(c.end))
            .map(({ start, end }) => [iso(start), iso(end)]),
        }
      default:
        throw new Error(`unknown op ${JSON.stringify(c.op)}`)
    }
  } catch (error) {
    if (typeof error?.code === 'string' && error.code.startsWith('ITSM_')) {
      return { error: error.code.slice('ITSM_'.length).toLowerCase() }
    }
    throw error
  }
}

test('the vector directory has files', () => {
  assert.ok(files.length > 0, `no vectors in ${vectorDir}`)
})

for (const file of files) {
  const vectors = JSON.parse(readFileSync(vectorDir + file, 'utf8'))

  if (vectors.invalid_calendars) {
    describe(file, () => {
      for (const c of vectors.invalid_calendars) {
        test(c.name, () => {
          const expected = { code: `ITSM_${c.expect.error.toUpperCase()}` }
          if ('message' in c.expect) expected.message = c.expect.message
          const got = load(c.calendar)
          if (!('message' in c.expect)) delete got.message
          assert.deepStrictEqual(got, expected)
          // The same document as JSON text fails the same way.
          const fromText = load(JSON.stringify(c.calendar))
          if (!('message' in c.expect)) delete fromText.message
          assert.deepStrictEqual(fromText, expected)
        })
      }
    })
    continue
  }

  describe(file, () => {
    let calendar
    let loadError
    try {
      calendar = Calendar.fromJSON(vectors.calendar)
    } catch (error) {
      loadError = error
    }
    for (const c of vectors.cases) {
      test(c.name, () => {
        if (loadError) throw loadError
        assert.deepStrictEqual(run(calendar, c), c.expect)
      })
    }
  })
}
