// A reference host of itsm records on SQLite (better-sqlite3).
//
// The core judges; the host stores. Records and their events live in one
// SQLite file:
//
//   records(id PRIMARY KEY, version, document)        the record's canonical JSON
//   events(record, version, document, PRIMARY KEY(record, version))
//   wakeups(record PRIMARY KEY, at, since)             the one next wakeup per record
//   queue(seq PRIMARY KEY, record, command, because)   follow-up commands to give
//
// `handle(recordId, command, context)` loads the record, asks the desk
// (`Desk.executeJSON`), and writes the outcome in one IMMEDIATE transaction:
// the events, the record (`UPDATE ... WHERE id = ? AND version = ?`, the
// version it read: zero rows means another writer came first, so it rolls
// back, reloads and tries again), the record's next wakeup and the
// follow-ups. Follow-ups for the same record then run at once, as the system
// actor; the others wait in `queue` for `drain()`. `due(now)` lists the
// records to wake, and `wakeDue(now)` wakes them.
//
// In an application, `npm install itsm` and import from 'itsm'; this example
// imports the binding built in this repository.

import Database from 'better-sqlite3'

import itsm from '../../bindings/node/index.js'

const { Desk } = itsm

/**
 * The actor follow-ups and wakeups act as, unless the host is given another.
 * The built-in workflows let agents assign and move records, so automation
 * and cascades act with the `agent` role.
 */
export const SYSTEM = Object.freeze({ id: 'system', roles: ['system', 'agent'] })

/**
 * The top-level parts of a JSON object's or array's text, each as written
 * there: `[key, text]` pairs of an object, the texts of an array's elements.
 * The host stores the core's canonical texts as they are: parsing and writing
 * them again in JavaScript would turn a field's `1.0` into `1`.
 */
export function parts(text) {
  const out = []
  let depth = 0
  let start = -1
  let key = null
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (c === '"') {
      const from = i
      for (i++; text[i] !== '"'; i++) if (text[i] === '\\') i++
      if (depth === 1 && text[0] === '{' && start === -1) key = JSON.parse(text.slice(from, i + 1))
      else if (depth === 1 && start === -1) start = from
    } else if (c === ':' && depth === 1) {
      start = i + 1
    } else if (c === '{' || c === '[') {
      if (depth === 1 && start === -1) start = i
      depth++
    } else if ((c === ',' || c === '}' || c === ']') && depth === 1) {
      if (start !== -1) out.push(text[0] === '{' ? [key, text.slice(start, i)] : text.slice(start, i))
      start = -1
      if (c !== ',') depth--
    } else if (c === '}' || c === ']') {
      depth--
    } else if (depth === 1 && start === -1 && !/\s/.test(c)) {
      start = i
    }
  }
  return out
}

/** Thrown inside the writing transaction when the record moved on (or a create met an existing id). */
class Moved extends Error {}

/** Thrown inside the writing transaction when another process already gave the queued follow-up. */
class Taken extends Error {}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS records (
  id       TEXT PRIMARY KEY,
  version  INTEGER NOT NULL,
  document TEXT NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS events (
  record   TEXT NOT NULL,
  version  INTEGER NOT NULL,
  document TEXT NOT NULL,
  PRIMARY KEY (record, version)
) STRICT;
CREATE TABLE IF NOT EXISTS wakeups (
  record TEXT PRIMARY KEY,
  at     TEXT NOT NULL,
  since  TEXT
) STRICT;
CREATE INDEX IF NOT EXISTS wakeups_at ON wakeups (at);
CREATE TABLE IF NOT EXISTS queue (
  seq     INTEGER PRIMARY KEY AUTOINCREMENT,
  record  TEXT NOT NULL,
  command TEXT NOT NULL,
  because TEXT NOT NULL
) STRICT;
`

export class Host {
  /**
   * Opens (and if need be creates) the SQLite file at `path`.
   *
   * Options: `desk` (a Desk; the default desk when left out), `retries` (how
   * often a command is tried again after losing a race, 20), `busyTimeoutMs`
   * (how long to wait for another process's write lock, 10 s), `clock` (the
   * host's clock, `() => new Date()`), `system` (the actor follow-ups run
   * as, `SYSTEM`).
   */
  constructor(
    path,
    { desk = new Desk(), retries = 20, busyTimeoutMs = 10_000, clock = () => new Date(), system = SYSTEM } = {},
  ) {
    this.desk = desk
    this.system = system
    this.retries = retries
    this.clock = clock
    this.db = new Database(path, { timeout: busyTimeoutMs })
    this.db.pragma('journal_mode = WAL')
    this.db.pragma('synchronous = NORMAL')
    this.db.pragma(`busy_timeout = ${Number(busyTimeoutMs)}`)
    this.db.exec(SCHEMA)
    const sql = (text) => this.db.prepare(text)
    this.q = {
      record: sql('SELECT version, document FROM records WHERE id = ?'),
      insertRecord: sql('INSERT INTO records (id, version, document) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING'),
      updateRecord: sql('UPDATE records SET version = ?, document = ? WHERE id = ? AND version = ?'),
      insertEvent: sql('INSERT INTO events (record, version, document) VALUES (?, ?, ?)'),
      events: sql('SELECT document FROM events WHERE record = ? ORDER BY version'),
      setWakeup: sql(
        'INSERT INTO wakeups (record, at, since) VALUES (?, ?, ?) ' +
          'ON CONFLICT (record) DO UPDATE SET at = excluded.at, since = coalesce(excluded.since, wakeups.since)',
      ),
      wakeup: sql('SELECT at, since FROM wakeups WHERE record = ?'),
      clearWakeup: sql('DELETE FROM wakeups WHERE record = ?'),
      due: sql('SELECT record, at FROM wakeups WHERE at <= ? ORDER BY at, record'),
      enqueue: sql('INSERT INTO queue (record, command, because) VALUES (?, ?, ?)'),
      queued: sql('SELECT seq, record, command, because FROM queue WHERE record = ? ORDER BY seq LIMIT 1'),
      next: sql('SELECT seq, record, command, because FROM queue ORDER BY seq LIMIT 1'),
      dequeue: sql('DELETE FROM queue WHERE seq = ?'),
    }
  }

  close() {
    this.db.close()
  }

  /**
   * Gives `command` (a command document) to the record `recordId` in
   * `context` (`{ actor, predicates? }`; `now` is the host's clock, read
   * after the record is loaded so that it never lies before the record's
   * last event, unless the context gives one).
   *
   * Answers the outcomes it stored, the command's first, then those of the
   * follow-ups for the same record it ran as the system actor. Throws the
   * core's errors as they are (`ITSM_COMMAND_REFUSED` with
   * `err.details.reasons`, `ITSM_VERSION_CONFLICT` for a command whose
   * `expected_version` is stale), and `ITSM_HOST_BUSY` when it lost the race
   * for the record more than `retries` times.
   */
  handle(recordId, command, context) {
    const outcomes = [this.#commit(recordId, command, context)]
    outcomes.push(...this.#runQueued(recordId, context.now))
    return outcomes
  }

  /**
   * Runs one command with the optimistic version check; answers its outcome
   * (JSON data), or null when it is the queued follow-up `seq` and another
   * process gave it first.
   */
  #commit(recordId, command, context, seq = null) {
    const commandText = JSON.stringify(command)
    for (let attempt = 0; attempt <= this.retries; attempt++) {
      const row = this.q.record.get(recordId)
      const now = context.now ?? this.clock()
      const contextText = JSON.stringify({ ...context, now })
      // The core judges; it throws refusals and stale expected_versions.
      const text = this.desk.executeJSON(row?.document ?? null, commandText, contextText)
      const outcome = JSON.parse(text)
      if (outcome.record.id !== recordId) {
        throw Object.assign(new Error(`the command is for ${outcome.record.id}, not ${recordId}`), { code: 'ITSM_HOST_MISMATCH' })
      }
      try {
        this.#write(recordId, row?.version ?? 0, outcome, text, seq)
        return outcome
      } catch (error) {
        if (error instanceof Taken) return null
        if (!(error instanceof Moved)) throw error
        // Another writer came first: read the record again and judge anew.
        this.retried++
      }
    }
    throw Object.assign(new Error(`${recordId}: gave up after ${this.retries + 1} attempts lost to other writers`), {
      code: 'ITSM_HOST_BUSY',
    })
  }

  /**
   * Stores an outcome (its data, and its canonical text to store the record
   * and the events as the core wrote them) in one IMMEDIATE transaction, or
   * throws Moved (or Taken).
   */
  #write(recordId, readVersion, outcome, text, seq) {
    const { record: document, events } = Object.fromEntries(parts(text))
    const eventTexts = parts(events)
    const write = this.db.transaction(() => {
      if (seq !== null && this.q.dequeue.run(seq).changes === 0) throw new Taken()
      const version = outcome.record.version
      const written =
        readVersion === 0
          ? this.q.insertRecord.run(recordId, version, document)
          : this.q.updateRecord.run(version, document, recordId, readVersion)
      if (written.changes === 0) throw new Moved()
      outcome.events.forEach((event, i) => this.q.insertEvent.run(recordId, event.version, eventTexts[i]))
      if (outcome.next_wakeup === null) this.q.clearWakeup.run(recordId)
      else this.q.setWakeup.run(recordId, outcome.next_wakeup, null)
      for (const followup of outcome.followups) {
        this.q.enqueue.run(followup.record, JSON.stringify(followup.command), followup.because)
      }
    })
    write.immediate()
  }

  /**
   * Runs the queued follow-ups of `recordId` as the system actor, oldest
   * first, each in the transaction that stores it and removes it from the
   * queue. A refused follow-up is removed and reported in `refused`.
   */
  #runQueued(recordId, now) {
    const outcomes = []
    for (let item = this.q.queued.get(recordId); item; item = this.q.queued.get(recordId)) {
      outcomes.push(...this.#runItem(item, now))
    }
    return outcomes
  }

  /** Runs one queued follow-up; answers its outcome, or none when refused or given by another process. */
  #runItem(item, now) {
    try {
      const outcome = this.#commit(item.record, JSON.parse(item.command), { actor: this.system, now }, item.seq)
      return outcome === null ? [] : [outcome]
    } catch (error) {
      if (!['ITSM_COMMAND_REFUSED', 'ITSM_INVALID_ARGUMENT', 'ITSM_VERSION_CONFLICT'].includes(error.code)) throw error
      // The record moved on so that the follow-up no longer applies: drop it.
      if (this.q.dequeue.run(item.seq).changes > 0) this.refused.push({ ...item, error: error.message })
      return []
    }
  }

  /** Follow-ups that were refused when their turn came (kept for the caller to log). */
  refused = []

  /** How many times a command was judged again because another writer came first. */
  retried = 0

  /** Runs every queued follow-up, for any record; answers the outcomes stored. */
  drain(now) {
    const outcomes = []
    for (let item = this.q.next.get(); item; item = this.q.next.get()) {
      outcomes.push(...this.#runItem(item, now))
      outcomes.push(...this.#runQueued(item.record, now))
    }
    return outcomes
  }

  /** The records whose next wakeup is at or before `now`: `[{ record, at }]`, earliest first. */
  due(now = this.clock()) {
    return this.q.due.all(now.toISOString())
  }

  /**
   * Wakes every record due at `now`: asks the desk what time asks of it
   * since its last wake, keeps the next wakeup and queues the follow-ups, in
   * one IMMEDIATE transaction per record that first checks the wakeup is
   * still due (so two processes never wake a record twice for one instant);
   * then runs the queue as the system actor. Answers the outcomes stored.
   */
  wakeDue(now = this.clock()) {
    const at = now.toISOString()
    for (const { record } of this.due(now)) {
      this.db
        .transaction(() => {
          const wakeup = this.q.wakeup.get(record)
          if (!wakeup || wakeup.at > at) return // another process woke it first
          const row = this.q.record.get(record)
          if (!row) return void this.q.clearWakeup.run(record)
          const woken = JSON.parse(this.desk.wakeJSON(row.document, wakeup.since ?? null, at))
          if (woken.next_wakeup === null) this.q.clearWakeup.run(record)
          else this.q.setWakeup.run(record, woken.next_wakeup, at)
          for (const followup of woken.followups) {
            this.q.enqueue.run(followup.record, JSON.stringify(followup.command), followup.because)
          }
        })
        .immediate()
    }
    return this.drain(now)
  }

  /** The stored record's canonical JSON text, or null. */
  document(recordId) {
    return this.q.record.get(recordId)?.document ?? null
  }

  /** The stored events' canonical JSON texts, in version order. */
  events(recordId) {
    return this.q.events.all(recordId).map((row) => row.document)
  }
}
