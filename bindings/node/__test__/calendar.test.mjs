// The JavaScript surface of Calendar: argument checking, error codes and
// messages, and calendar documents in and out. Business-time semantics are
// covered by the conformance vectors (vectors.test.mjs).

import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'

import { Calendar, tzVersion } from '../index.js'

const OFFICE = {
  time_zone: 'Europe/Berlin',
  week: {
    mon: [['09:00', '17:00']],
    tue: [['09:00', '17:00']],
    wed: [['09:00', '17:00']],
    thu: [['09:00', '17:00']],
    fri: [['09:00', '15:00']],
  },
  holidays: [{ date: '2026-12-24', name: 'Christmas Eve' }],
}
const office = Calendar.fromJSON(OFFICE)
// Monday 23 November 2026, 10:00 in Berlin.
const MON_1000 = new Date('2026-11-23T09:00:00Z')
const HOUR = 3_600_000

/** Asserts that `fn` throws an Error with exactly this code and message. */
function throwsItsm(fn, code, message) {
  assert.throws(fn, (error) => {
    assert.ok(error instanceof Error, `not an Error: ${error}`)
    assert.equal(error.code, code)
    if (message instanceof RegExp) assert.match(error.message, message)
    else assert.equal(error.message, message)
    return true
  })
}

const badArgument = (name, reason) => `invalid argument \`${name}\`: ${reason}`

describe('results', () => {
  test('instants come back as Dates', () => {
    const due = office.addBusiness(MON_1000, 2 * HOUR)
    assert.ok(due instanceof Date)
    assert.equal(due.toISOString(), '2026-11-23T11:00:00.000Z')
    assert.equal(office.subtractBusiness(due, 2 * HOUR).toISOString(), MON_1000.toISOString())
    assert.equal(office.nextOpening(new Date('2026-11-23T06:00:00Z')).toISOString(), '2026-11-23T08:00:00.000Z')
    assert.equal(office.nextClosing(MON_1000).toISOString(), '2026-11-23T16:00:00.000Z')
  })

  test('durations are milliseconds', () => {
    const duration = office.businessDuration(MON_1000, new Date('2026-11-24T09:00:00Z'))
    assert.equal(typeof duration, 'number')
    assert.equal(duration, 8 * HOUR)
  })

  test('zero is allowed and -0 is zero', () => {
    assert.equal(office.addBusiness(MON_1000, 0).getTime(), MON_1000.getTime())
    assert.equal(office.addBusiness(MON_1000, -0).getTime(), MON_1000.getTime())
    assert.equal(office.addWorkingDays(MON_1000, 0).getTime(), MON_1000.getTime())
  })

  test('isWorking is a boolean', () => {
    assert.equal(office.isWorking(MON_1000), true)
    assert.equal(office.isWorking(new Date('2026-11-22T09:00:00Z')), false)
  })

  test('nextClosing is null when the calendar never closes', () => {
    assert.equal(Calendar.twentyFourSeven().nextClosing(MON_1000), null)
  })

  test('workingIntervals is an array of {start, end} Dates', () => {
    const intervals = office.workingIntervals(new Date('2026-11-27T00:00:00Z'), new Date('2026-11-30T12:00:00Z'))
    assert.deepStrictEqual(
      intervals.map(({ start, end }) => [start.toISOString(), end.toISOString()]),
      [
        ['2026-11-27T08:00:00.000Z', '2026-11-27T14:00:00.000Z'],
        ['2026-11-30T08:00:00.000Z', '2026-11-30T12:00:00.000Z'],
      ],
    )
    assert.ok(intervals.every(({ start, end }) => start instanceof Date && end instanceof Date))
  })

  test('workingIntervals of an empty range is empty', () => {
    assert.deepStrictEqual(office.workingIntervals(new Date('2026-11-22T09:00:00Z'), new Date('2026-11-22T09:00:00Z')), [])
    assert.deepStrictEqual(office.workingIntervals(MON_1000, MON_1000), [])
  })

  test('addWorkingDays: mode defaults to keep_time_of_day', () => {
    const keep = office.addWorkingDays(MON_1000, 2, 'keep_time_of_day')
    assert.equal(keep.toISOString(), '2026-11-25T09:00:00.000Z')
    assert.equal(office.addWorkingDays(MON_1000, 2).getTime(), keep.getTime())
    assert.equal(office.addWorkingDays(MON_1000, 2, undefined).getTime(), keep.getTime())
    assert.equal(office.addWorkingDays(MON_1000, 2, 'end_of_day').toISOString(), '2026-11-25T16:00:00.000Z')
    assert.equal(office.addWorkingDays(MON_1000, -1).toISOString(), '2026-11-20T09:00:00.000Z')
  })

  test('timeZone and tzVersion', () => {
    assert.equal(office.timeZone, 'Europe/Berlin')
    assert.equal(Calendar.twentyFourSeven().timeZone, 'UTC')
    assert.match(tzVersion(), /^\d{4}[a-z]$/)
  })

  test('a calendar serves many calls, and clones share nothing observable', () => {
    const a = Calendar.fromJSON(OFFICE)
    const b = Calendar.fromJSON(a.toJSON())
    for (let i = 0; i < 200; i++) {
      const at = new Date(Date.UTC(2026, 0, 1) + i * 37 * HOUR)
      assert.equal(a.isWorking(at), b.isWorking(at))
      assert.equal(a.addBusiness(at, 5 * HOUR).getTime(), b.addBusiness(at, 5 * HOUR).getTime())
    }
  })
})

describe('documents', () => {
  test('toJSON gives the document back as a plain object', () => {
    const doc = office.toJSON()
    assert.equal(Object.getPrototypeOf(doc), Object.prototype)
    assert.equal(doc.time_zone, 'Europe/Berlin')
    assert.deepStrictEqual(Calendar.fromJSON(doc).toJSON(), doc)
  })

  test('JSON.stringify uses toJSON, and toJSONString agrees', () => {
    const text = JSON.stringify(office)
    assert.equal(text, office.toJSONString())
    assert.deepStrictEqual(JSON.parse(text), office.toJSON())
    assert.deepStrictEqual(JSON.parse(JSON.stringify({ calendar: office })).calendar, office.toJSON())
  })

  test('fromJSON reads JSON text', () => {
    const fromText = Calendar.fromJSON(JSON.stringify(OFFICE))
    assert.deepStrictEqual(fromText.toJSON(), office.toJSON())
    assert.equal(
      fromText.addBusiness(MON_1000, 30 * HOUR).getTime(),
      office.addBusiness(MON_1000, 30 * HOUR).getTime(),
    )
    assert.equal(Calendar.fromJSON(office.toJSONString()).toJSONString(), office.toJSONString())
  })

  test('fromJSON leaves out properties that are undefined, as JSON.stringify does', () => {
    const calendar = Calendar.fromJSON({ time_zone: 'UTC', week: '24x7', name: undefined })
    assert.deepStrictEqual(calendar.toJSON(), { time_zone: 'UTC', week: '24x7' })
  })

  test('twentyFourSeven is always open in UTC', () => {
    assert.deepStrictEqual(Calendar.twentyFourSeven().toJSON(), { time_zone: 'UTC', week: '24x7' })
    assert.equal(Calendar.twentyFourSeven().addBusiness(MON_1000, 48 * HOUR).getTime(), MON_1000.getTime() + 48 * HOUR)
  })

  const vectorDir = fileURLToPath(new URL('../../../tests/vectors/calendar/', import.meta.url))
  for (const file of readdirSync(vectorDir).filter((name) => name.endsWith('.json')).sort()) {
    const vectors = JSON.parse(readFileSync(vectorDir + file, 'utf8'))
    if (!vectors.calendar) continue
    test(`round trip of the ${file} calendar`, () => {
      const first = Calendar.fromJSON(vectors.calendar)
      const second = Calendar.fromJSON(first.toJSON())
      assert.deepStrictEqual(second.toJSON(), first.toJSON())
      assert.equal(Calendar.fromJSON(first.toJSONString()).toJSONString(), first.toJSONString())
      assert.equal(second.timeZone, first.timeZone)
    })
  }
})

describe('invalid documents', () => {
  test('an unknown time zone', () => {
    throwsItsm(
      () => Calendar.fromJSON({ time_zone: 'Mars/Olympus', week: '24x7' }),
      'ITSM_INVALID_CONFIG',
      'time_zone: unknown time zone "Mars/Olympus"',
    )
  })

  test('a window that ends before it starts names its path', () => {
    const doc = { time_zone: 'UTC', week: { tue: [['09:00', '13:00'], ['14:00', '08:00']] } }
    const message = 'week.tue[1]: end 08:00 is before start 14:00'
    throwsItsm(() => Calendar.fromJSON(doc), 'ITSM_INVALID_CONFIG', message)
    throwsItsm(() => Calendar.fromJSON(JSON.stringify(doc)), 'ITSM_INVALID_CONFIG', message)
  })

  test('invalid JSON text', () => {
    throwsItsm(() => Calendar.fromJSON('{"time_zone": "UTC",'), 'ITSM_INVALID_CONFIG', /^\(document\): not valid JSON: .* at line 1 column \d+$/)
    throwsItsm(() => Calendar.fromJSON(''), 'ITSM_INVALID_CONFIG', /^\(document\): not valid JSON/)
  })

  test('JSON that is not a calendar', () => {
    throwsItsm(() => Calendar.fromJSON('[]'), 'ITSM_INVALID_CONFIG', /^\(document\): /)
    throwsItsm(() => Calendar.fromJSON([]), 'ITSM_INVALID_CONFIG', /^\(document\): /)
    throwsItsm(() => Calendar.fromJSON({}), 'ITSM_INVALID_CONFIG', /time_zone/)
  })

  test('data JSON cannot hold is refused with its path', () => {
    const base = { time_zone: 'UTC' }
    throwsItsm(
      () => Calendar.fromJSON({ ...base, week: { mon: [['09:00', () => '17:00']] } }),
      'ITSM_INVALID_CONFIG',
      'week.mon[0][1]: a function is not JSON data',
    )
    throwsItsm(
      () => Calendar.fromJSON({ ...base, week: { mon: [['09:00', undefined]] } }),
      'ITSM_INVALID_CONFIG',
      'week.mon[0][1]: undefined is not JSON data',
    )
    throwsItsm(
      () => Calendar.fromJSON({ ...base, week: '24x7', holidays: [{ date: new Date('2026-12-24') }] }),
      'ITSM_INVALID_CONFIG',
      'holidays[0].date: a Date is not JSON data',
    )
    throwsItsm(
      () => Calendar.fromJSON({ ...base, week: '24x7', holidays: [{ month: NaN, day: 1 }] }),
      'ITSM_INVALID_CONFIG',
      'holidays[0].month: the number NaN is not JSON data',
    )
    throwsItsm(
      () => Calendar.fromJSON({ ...base, week: '24x7', holidays: [{ easter: -(2n ** 53n) }] }),
      'ITSM_INVALID_CONFIG',
      'holidays[0].easter: the bigint -9007199254740992n is outside the safe integers, -9007199254740991 to 9007199254740991',
    )
    throwsItsm(
      () => Calendar.fromJSON({ ...base, week: '24x7', name: Symbol('x') }),
      'ITSM_INVALID_CONFIG',
      'name: a symbol is not JSON data',
    )
  })

  test('a bigint that is a safe integer is read as that number', () => {
    const holidays = (n, month, easter) => [{ nth_weekday: { month, weekday: 'thu', n } }, { easter }]
    const doc = { time_zone: 'UTC', week: '24x7', holidays: holidays(-1n, 11n, -2n) }
    assert.deepStrictEqual(Calendar.fromJSON(doc).toJSON(), { ...doc, holidays: holidays(-1, 11, -2) })
  })

  test('a document that refers to itself is refused, not followed forever', () => {
    const doc = { time_zone: 'UTC', week: '24x7' }
    doc.self = doc
    throwsItsm(() => Calendar.fromJSON(doc), 'ITSM_INVALID_CONFIG', /nested more than 64 levels deep/)
  })

  test('an exception thrown while reading the document propagates', () => {
    const doc = {
      get time_zone() {
        throw new RangeError('boom')
      },
    }
    assert.throws(() => Calendar.fromJSON(doc), { name: 'RangeError', message: 'boom' })
  })

  test('neither an object nor a string', () => {
    for (const [value, found] of [
      [undefined, 'undefined'],
      [null, 'null'],
      [42, 'a number'],
      [true, 'a boolean'],
      [() => ({}), 'a function'],
    ]) {
      throwsItsm(
        () => Calendar.fromJSON(value),
        'ITSM_INVALID_ARGUMENT',
        badArgument('doc', `expected a calendar document (an object or a JSON string), found ${found}`),
      )
    }
  })

  test('the class cannot be constructed directly', () => {
    assert.throws(() => new Calendar(), Error)
  })
})

describe('invalid arguments', () => {
  const INVALID = new Date(NaN)

  test('an Invalid Date is refused, naming the argument', () => {
    const cases = [
      ['start', () => office.businessDuration(INVALID, MON_1000)],
      ['end', () => office.businessDuration(MON_1000, INVALID)],
      ['start', () => office.addBusiness(INVALID, HOUR)],
      ['end', () => office.subtractBusiness(INVALID, HOUR)],
      ['start', () => office.addWorkingDays(INVALID, 1)],
      ['at', () => office.isWorking(INVALID)],
      ['at', () => office.nextOpening(INVALID)],
      ['at', () => office.nextClosing(INVALID)],
      ['start', () => office.workingIntervals(INVALID, MON_1000)],
      ['end', () => office.workingIntervals(MON_1000, INVALID)],
    ]
    for (const [name, call] of cases) {
      throwsItsm(call, 'ITSM_INVALID_ARGUMENT', badArgument(name, 'is an Invalid Date'))
    }
  })

  test('durations must be whole non-negative milliseconds', () => {
    const whole = (found) => badArgument('ms', `expected a whole number of milliseconds (a safe integer), found ${found}`)
    for (const call of [(ms) => office.addBusiness(MON_1000, ms), (ms) => office.subtractBusiness(MON_1000, ms)]) {
      throwsItsm(() => call(NaN), 'ITSM_INVALID_ARGUMENT', whole('NaN'))
      throwsItsm(() => call(Infinity), 'ITSM_INVALID_ARGUMENT', whole('Infinity'))
      throwsItsm(() => call(-Infinity), 'ITSM_INVALID_ARGUMENT', whole('-Infinity'))
      throwsItsm(() => call(1.5), 'ITSM_INVALID_ARGUMENT', whole('1.5'))
      throwsItsm(() => call(2 ** 53), 'ITSM_INVALID_ARGUMENT', whole('9007199254740992'))
      throwsItsm(() => call(1e300), 'ITSM_INVALID_ARGUMENT', whole('1e+300'))
      throwsItsm(() => call(-1), 'ITSM_INVALID_ARGUMENT', badArgument('ms', 'must not be negative, found -1'))
      throwsItsm(() => call(-HOUR), 'ITSM_INVALID_ARGUMENT', badArgument('ms', 'must not be negative, found -3600000'))
    }
  })

  test('day counts must be safe integers', () => {
    const whole = (found) => badArgument('days', `expected a whole number of days (a safe integer), found ${found}`)
    throwsItsm(() => office.addWorkingDays(MON_1000, 1.5), 'ITSM_INVALID_ARGUMENT', whole('1.5'))
    throwsItsm(() => office.addWorkingDays(MON_1000, NaN), 'ITSM_INVALID_ARGUMENT', whole('NaN'))
    throwsItsm(() => office.addWorkingDays(MON_1000, Infinity), 'ITSM_INVALID_ARGUMENT', whole('Infinity'))
    throwsItsm(() => office.addWorkingDays(MON_1000, 2 ** 53), 'ITSM_INVALID_ARGUMENT', whole('9007199254740992'))
    throwsItsm(() => office.addWorkingDays(MON_1000, -(2 ** 60)), 'ITSM_INVALID_ARGUMENT', whole('-1152921504606847000'))
  })

  test('huge but safe day counts reach the end of the supported range', () => {
    throwsItsm(() => office.addWorkingDays(MON_1000, Number.MAX_SAFE_INTEGER), 'ITSM_OUT_OF_RANGE', /outside the supported range/)
    throwsItsm(() => office.addWorkingDays(MON_1000, Number.MIN_SAFE_INTEGER), 'ITSM_OUT_OF_RANGE', /outside the supported range/)
  })

  test('an unknown mode', () => {
    throwsItsm(
      () => office.addWorkingDays(MON_1000, 1, 'eod'),
      'ITSM_INVALID_ARGUMENT',
      badArgument('mode', 'unknown variant `eod`, expected `keep_time_of_day` or `end_of_day`'),
    )
    throwsItsm(
      () => office.addWorkingDays(MON_1000, 1, 1),
      'ITSM_INVALID_ARGUMENT',
      badArgument('mode', 'expected "keep_time_of_day" or "end_of_day", found a number'),
    )
  })

  test('wrong types throw instead of crashing', () => {
    const expectDate = (name, found) => badArgument(name, `expected a Date, found ${found}`)
    throwsItsm(() => office.isWorking('2026-11-23T09:00:00Z'), 'ITSM_INVALID_ARGUMENT', expectDate('at', 'a string'))
    throwsItsm(() => office.isWorking(MON_1000.getTime()), 'ITSM_INVALID_ARGUMENT', expectDate('at', 'a number'))
    throwsItsm(() => office.isWorking(), 'ITSM_INVALID_ARGUMENT', expectDate('at', 'undefined'))
    throwsItsm(() => office.isWorking(null), 'ITSM_INVALID_ARGUMENT', expectDate('at', 'null'))
    throwsItsm(() => office.isWorking({}), 'ITSM_INVALID_ARGUMENT', expectDate('at', 'an object'))
    throwsItsm(() => office.isWorking([MON_1000]), 'ITSM_INVALID_ARGUMENT', expectDate('at', 'an array'))
    throwsItsm(() => office.workingIntervals(MON_1000, '2027'), 'ITSM_INVALID_ARGUMENT', expectDate('end', 'a string'))
    const expectNumber = (name, found) => badArgument(name, `expected a number, found ${found}`)
    throwsItsm(() => office.addBusiness(MON_1000, '3600000'), 'ITSM_INVALID_ARGUMENT', expectNumber('ms', 'a string'))
    throwsItsm(() => office.addBusiness(MON_1000, 10n), 'ITSM_INVALID_ARGUMENT', expectNumber('ms', 'a bigint'))
    throwsItsm(() => office.subtractBusiness(MON_1000), 'ITSM_INVALID_ARGUMENT', expectNumber('ms', 'undefined'))
    throwsItsm(() => office.addWorkingDays(MON_1000, '1'), 'ITSM_INVALID_ARGUMENT', expectNumber('days', 'a string'))
    // A method called on something that is not a Calendar.
    assert.throws(() => Calendar.prototype.isWorking.call({}, MON_1000), Error)
  })

  test('a Date outside what the core can represent is out of range', () => {
    throwsItsm(
      () => office.isWorking(new Date(8.64e15)),
      'ITSM_OUT_OF_RANGE',
      'instant 8640000000000000 ms since the epoch is outside the supported range 1900-01-01T00:00:00.000Z to 2300-01-01T00:00:00.000Z',
    )
  })
})

describe('core errors pass through unchanged', () => {
  test('end before start', () => {
    throwsItsm(
      () => office.businessDuration(new Date('2026-11-24T00:00:00Z'), new Date('2026-11-23T00:00:00Z')),
      'ITSM_INVALID_ARGUMENT',
      badArgument('end', '2026-11-23T00:00:00.000Z is before start 2026-11-24T00:00:00.000Z'),
    )
  })

  test('out of range', () => {
    throwsItsm(
      () => office.isWorking(new Date('1899-12-31T23:59:59Z')),
      'ITSM_OUT_OF_RANGE',
      'instant 1899-12-31T23:59:59.000Z is outside the supported range 1900-01-01T00:00:00.000Z to 2300-01-01T00:00:00.000Z',
    )
  })

  test('no working time', () => {
    const closed = Calendar.fromJSON({
      time_zone: 'UTC',
      week: { mon: [['09:00', '17:00']] },
      holidays: [{ from: '2030-01-01', to: '2045-12-31' }],
    })
    throwsItsm(
      () => closed.nextOpening(new Date('2030-01-01T00:00:00Z')),
      'ITSM_NO_WORKING_TIME',
      'no working time within 10 years after 2030-01-01T00:00:00.000Z',
    )
  })
})
