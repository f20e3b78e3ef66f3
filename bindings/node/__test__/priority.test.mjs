// The JavaScript surface of PriorityMatrix: documents in and out, fields as
// JavaScript values, argument checking and error codes. The matrix's semantics
// are covered by the conformance vectors (priority-vectors.test.mjs).

import assert from 'node:assert/strict'
import { test } from 'node:test'

import { PriorityMatrix } from '../index.js'

/** Asserts that `fn` throws an Error with exactly this code and message. */
function throwsItsm(fn, code, message) {
  assert.throws(fn, (error) => {
    assert.ok(error instanceof Error)
    assert.equal(error.code, code)
    assert.equal(error.message, message)
    return true
  })
}

const itil = PriorityMatrix.itil()

test('itil() answers the cell and applies the VIP override', () => {
  assert.deepStrictEqual(itil.priority('medium', 'high'), {
    priority: 'P2',
    matrix_priority: 'P2',
    override_applied: null,
    override_name: null,
  })
  assert.deepStrictEqual(itil.priority('medium', 'high', { vip: true }), {
    priority: 'P1',
    matrix_priority: 'P2',
    override_applied: 'overrides[0]',
    override_name: 'VIP caller',
  })
  assert.equal(itil.priority('low', 'low', null).priority, 'P5')
})

test('toJSON gives the document back, read again as an object or as text', () => {
  const doc = itil.toJSON()
  assert.deepStrictEqual(doc.impacts, ['high', 'medium', 'low'])
  assert.deepStrictEqual(doc.priorities, ['P1', 'P2', 'P3', 'P4', 'P5'])
  assert.equal(doc.matrix.high.low, 'P3')
  assert.deepStrictEqual(PriorityMatrix.fromJSON(doc).toJSON(), doc)
  assert.deepStrictEqual(PriorityMatrix.fromJSON(JSON.stringify(itil)).toJSON(), doc)
})

test('fields take JavaScript values: a Date as its ISO text, a bigint as its number', () => {
  const matrix = PriorityMatrix.fromJSON({
    impacts: ['high'],
    urgencies: ['high'],
    priorities: ['P1', 'P2'],
    matrix: { high: { high: 'P2' } },
    overrides: [
      { name: 'frozen', when: { field_eq: { field: 'freeze', value: '2026-12-24T00:00:00.000Z' } }, set: 'P1' },
      { name: 'big', when: { field_eq: { field: 'seats', value: 5000 } }, raise: 1 },
    ],
  })
  assert.equal(matrix.priority('high', 'high', { freeze: new Date('2026-12-24T00:00:00Z') }).override_name, 'frozen')
  assert.equal(matrix.priority('high', 'high', { seats: 5000n }).override_name, 'big')
  assert.equal(matrix.priority('high', 'high', { seats: 4999, other: undefined }).override_applied, null)
})

test('errors: a bad document, unknown or mistyped arguments', () => {
  throwsItsm(
    () => PriorityMatrix.fromJSON({ impacts: [], urgencies: ['u'], priorities: ['p'], matrix: {} }),
    'ITSM_INVALID_CONFIG',
    'impacts: needs at least one value',
  )
  assert.throws(() => PriorityMatrix.fromJSON('{'), { code: 'ITSM_INVALID_CONFIG' })
  throwsItsm(
    () => PriorityMatrix.fromJSON(42),
    'ITSM_INVALID_ARGUMENT',
    'invalid argument `doc`: expected a priority matrix document (an object or a JSON string), found a number',
  )
  assert.throws(() => itil.priority('severe', 'high'), { code: 'ITSM_INVALID_ARGUMENT', message: /^invalid argument `impact`: "severe" is not one of high, medium, low$/ })
  assert.throws(() => itil.priority('high', 'urgent'), { code: 'ITSM_INVALID_ARGUMENT', message: /^invalid argument `urgency`: "urgent" is not one of high, medium, low$/ })
  throwsItsm(() => itil.priority(1, 'high'), 'ITSM_INVALID_ARGUMENT', 'invalid argument `impact`: expected a string, found a number')
  throwsItsm(() => itil.priority('high', undefined), 'ITSM_INVALID_ARGUMENT', 'invalid argument `urgency`: expected a string, found undefined')
  throwsItsm(
    () => itil.priority('high', 'high', ['vip']),
    'ITSM_INVALID_ARGUMENT',
    'invalid argument `fields`: expected an object of field values, found an array',
  )
  throwsItsm(
    () => itil.priority('high', 'high', { vip: { yes: true } }),
    'ITSM_INVALID_ARGUMENT',
    'invalid argument `fields`: field "vip": a field value is a string, number, boolean or null',
  )
  assert.throws(() => itil.priority('high', 'high', { vip: NaN }), {
    code: 'ITSM_INVALID_ARGUMENT',
    message: /^invalid argument `fields\.vip`: the number NaN is not JSON data$/,
  })
})
