// Runs every conformance vector in tests/vectors/records/ as
// tests/vectors/README.md ("Record vectors") describes: documents cross as
// JSON text through the JSON entry points (Desk.executeJSON, Desk.wakeJSON,
// Record.replayJSON, Record.fromJSON(text).toJSONString(),
// readRecordEventJSON), and the answer, parsed, must contain `expect`; an
// error gives `{error, message, details}` (details as the thrown error's
// `details`), matched the same way.
//
// Beside `expect`, after every successful `execute`: replaying every event so
// far (the given steps' and this outcome's, their texts cut byte for byte
// from the canonical outcomes) gives exactly the outcome record's JSON text, and reading that text and writing it again gives the
// same text. After a refused one, the record held (a Record, passed to the
// object API too) is unchanged. Every `execute` and `wake` that succeeds is
// also run through the object API (a Record, the command and the context as
// plain objects, `Date`s for instants), whose answer must be the text's,
// once written as JSON.

import assert from 'node:assert/strict'
import { after, describe, test } from 'node:test'

import { Desk, Record, readRecordEventJSON } from '../index.js'
import { difference, memberText, vectorFiles } from './vector-support.mjs'

const files = vectorFiles('records')

/** The keys a record vector file may have, and a case (tests/vectors/README.md). */
const FILE_KEYS = new Set(['description', 'desk', 'cases', 'invalid_desks'])
const CASE_KEYS = new Set(['name', 'given', 'op', 'command', 'context', 'since', 'now', 'events', 'document', 'expect'])
const OPS = new Set(['execute', 'wake', 'replay', 'apply', 'load_record', 'load_event'])

/** How many vectors were checked, by op. */
const counted = { invalid_desks: 0 }
for (const op of OPS) counted[op] = 0

/** The answer of `fn`, or the README's error object `{error, message, details?}` for a core error. */
function answerOrError(fn) {
  try {
    return fn()
  } catch (error) {
    if (typeof error?.code === 'string' && error.code.startsWith('ITSM_')) {
      const answer = { error: error.code.slice('ITSM_'.length).toLowerCase(), message: error.message }
      if (error.details !== undefined) answer.details = error.details
      return answer
    }
    throw error
  }
}

const isError = (value) => typeof value === 'object' && value !== null && !Array.isArray(value) && 'error' in value

/** Fails with the first difference between `actual` and what it must contain. */
function contains(actual, expected, what) {
  const found = difference(actual, expected)
  assert.equal(found, null, `${what}: ${found}\nactual: ${JSON.stringify(actual)}`)
}

/** A context document as a user passes it: `now` as a `Date`. */
const userContext = (context) =>
  typeof context?.now === 'string' ? { ...context, now: new Date(context.now) } : context

/** The record's text in an outcome's canonical text, byte for byte, as a host stores it. */
const recordText = (outcome) => memberText(outcome, 'record')

/** The events of an outcome's canonical text, byte for byte: the text inside its array (maybe empty). */
const eventsText = (outcome) => memberText(outcome, 'events').slice(1, -1)

/** A JSON array of events from pieces of `eventsText`. */
const joinEvents = (pieces) => `[${pieces.filter((piece) => piece !== '').join(',')}]`

/** JSON data of a value of the object API: `Date`s as their ISO text. */
const asJSON = (value) => JSON.parse(JSON.stringify(value))

test('the record vector directory has files', () => {
  assert.ok(files.length > 0, 'no vectors in tests/vectors/records/')
})

for (const { name: file, vectors } of files) {
  describe(file, () => {
    test('has only the keys the README defines', () => {
      assert.deepStrictEqual(Object.keys(vectors).filter((key) => !FILE_KEYS.has(key)), [], `unknown keys in ${file}`)
      for (const c of vectors.cases ?? []) {
        const unknown = Object.keys(c).filter((key) => !CASE_KEYS.has(key))
        assert.deepStrictEqual(unknown, [], `unknown keys in case ${c.name}`)
        assert.ok(OPS.has(c.op), `case ${c.name}: unknown op ${c.op}`)
      }
      const names = (vectors.cases ?? []).map((c) => c.name)
      assert.equal(new Set(names).size, names.length, 'case names are unique in the file')
    })

    for (const c of vectors.invalid_desks ?? []) {
      test(`invalid desk: ${c.name}`, () => {
        counted.invalid_desks++
        contains(answerOrError(() => Desk.fromJSON(JSON.stringify(c.desk)) && 'loaded'), c.expect, 'Desk.fromJSON(text)')
        contains(answerOrError(() => new Desk(c.desk) && 'loaded'), c.expect, 'new Desk(object)')
      })
    }

    if ((vectors.cases ?? []).length === 0) return
    const desk = vectors.desk === undefined ? new Desk() : Desk.fromJSON(JSON.stringify(vectors.desk))

    for (const c of vectors.cases) {
      test(c.name, () => {
        counted[c.op]++
        // The given steps, each of which must succeed.
        let record = null
        const events = []
        for (const [i, step] of (c.given ?? []).entries()) {
          let outcome
          try {
            outcome = desk.executeJSON(record, JSON.stringify(step.command), JSON.stringify(step.context))
          } catch (error) {
            assert.fail(`given step ${i} failed: ${error.code} ${error.message}`)
          }
          events.push(eventsText(outcome))
          record = recordText(outcome)
        }
        switch (c.op) {
          case 'execute':
            return execute(desk, c, record, events)
          case 'wake':
            return wake(desk, c, record)
          case 'replay':
            assert.equal(c.given, undefined, 'a replay case has no given steps')
            return contains(answerOrError(() => JSON.parse(Record.replayJSON(JSON.stringify(c.events)))), c.expect, 'replayJSON')
          case 'apply': {
            assert.notEqual(record, null, 'an apply case has given steps')
            const held = Record.fromJSON(record)
            const applied = answerOrError(() => JSON.parse(held.apply(JSON.stringify(c.events)).toJSONString()))
            contains(applied, c.expect, 'apply')
            assert.equal(held.toJSONString(), record, 'apply changed the record it was applied to')
            return
          }
          case 'load_record': {
            const loaded = answerOrError(() => JSON.parse(Record.fromJSON(JSON.stringify(c.document)).toJSONString()))
            contains(loaded, c.expect, 'Record.fromJSON(text)')
            if (!isError(c.expect)) contains(Record.fromJSON(c.document).toJSON(), c.expect, 'Record.fromJSON(object)')
            return
          }
          case 'load_event':
            return contains(answerOrError(() => JSON.parse(readRecordEventJSON(JSON.stringify(c.document)))), c.expect, 'readRecordEventJSON')
        }
      })
    }
  })
}

/** An `execute` case: the text API, its invariants, and the object API. */
function execute(desk, c, record, events) {
  const held = record === null ? null : Record.fromJSON(record)
  const command = JSON.stringify(c.command)
  const context = JSON.stringify(c.context)
  const answer = answerOrError(() => desk.executeJSON(record, command, context))
  if (isError(answer)) {
    contains(answer, c.expect, 'executeJSON')
    // The object API refuses the same way, and leaves the record as it was.
    const objects = answerOrError(() => desk.execute(held, c.command, userContext(c.context)))
    if (typeof c.context?.now === 'string' && !Number.isFinite(new Date(c.context.now).getTime())) return
    contains(objects, c.expect, 'execute (objects)')
    if (held !== null) assert.equal(held.toJSONString(), record, 'a refused command changed the record')
    return
  }
  const outcome = JSON.parse(answer)
  contains(outcome, c.expect, 'executeJSON')
  // The outcome's record is the fold of every event so far...
  const next = recordText(answer)
  assert.equal(JSON.stringify(JSON.parse(next)), JSON.stringify(outcome.record), 'the record text is the outcome\'s record')
  const all = joinEvents([...events, eventsText(answer)])
  assert.equal(JSON.parse(all).length, outcome.record.version, 'one event per version')
  assert.equal(Record.replayJSON(all), next, 'replaying every event does not give the outcome record')
  // ...and reads and writes back as the same text.
  assert.equal(Record.fromJSON(next).toJSONString(), next, 'the outcome record does not write back as read')
  // The object API gives the same outcome, and leaves the record it was given as it was.
  const objects = desk.execute(held, c.command, userContext(c.context))
  assert.deepStrictEqual(asJSON(objects), outcome, 'execute (objects) disagrees with executeJSON')
  if (held !== null) assert.equal(held.toJSONString(), record, 'execute changed the record it was given')
}

/** A `wake` case: the text API, and the object API. */
function wake(desk, c, record) {
  assert.notEqual(record, null, 'a wake case has given steps')
  const answer = answerOrError(() => JSON.parse(desk.wakeJSON(record, c.since ?? null, c.now)))
  contains(answer, c.expect, 'wakeJSON')
  if (isError(answer)) return
  const since = c.since === undefined || c.since === null ? null : new Date(c.since)
  const objects = desk.wake(Record.fromJSON(record), since, new Date(c.now))
  assert.deepStrictEqual(asJSON(objects), answer, 'wake (objects) disagrees with wakeJSON')
}

after(() => {
  const total = Object.values(counted).reduce((a, b) => a + b, 0)
  console.log(
    `record vectors: ${files.length} files, ${total} vectors (` +
      Object.entries(counted)
        .map(([op, n]) => `${n} ${op}`)
        .join(', ') +
      ')',
  )
  if (files.length > 0) assert.ok(total > 0, 'the record vector files hold no vectors')
})
