// Employee onboarding, defined purely in JSON (desk.json), run from Node.
//
// The same story as the Rust and Python versions, printing the same
// transcript: a request approved by the hiring manager and then by half of HR,
// tasks for HR, facilities and IT that must all close before the employee is
// ready, a reminder when an HR task waits two days, and closure three days
// after day one.
//
// Run: `node examples/onboarding/onboarding.mjs` once the binding is built
// (`bash bindings/node/test.sh`); an application imports from 'itsm'. The host
// keeps records in memory and gives every follow-up command as the `system`
// actor.

import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const { Desk } = require('../../bindings/node/index.js')

const desk = Desk.fromJSON(readFileSync(new URL('./desk.json', import.meta.url), 'utf8'))
const records = new Map()
const transcript = []

/** Gives `command` to the record as `actor`, then every follow-up, as `system`. */
function handle (now, [who, groups], recordId, command) {
  const queue = [[who, groups, recordId, command]]
  while (queue.length > 0) {
    const [actor, actorGroups, id, next] = queue.shift()
    const what = next.type + (next.transition ? ` ${next.transition}` : '')
    let outcome
    try {
      outcome = desk.execute(records.get(id) ?? null, next, { actor: { id: actor, groups: actorGroups }, now: new Date(now) })
    } catch (err) {
      if (err.code !== 'ITSM_COMMAND_REFUSED') throw err
      transcript.push(`${now} ${actor} ${id} ${err.message}`)
      continue
    }
    transcript.push(`${now} ${actor} ${id} ${what} -> v${outcome.record.version} ${outcome.record.fields.state}`)
    notify(outcome.notifications)
    records.set(id, outcome.record)
    for (const followup of outcome.followups) queue.push(['system', [], followup.record, followup.command])
  }
}

function wake (since, now, id) {
  const wakeup = desk.wake(records.get(id), new Date(since), new Date(now))
  transcript.push(`${now} wake ${id}: ${wakeup.followups.length} follow-ups`)
  notify(wakeup.notifications)
  for (const followup of wakeup.followups) handle(now, ['system', []], followup.record, followup.command)
}

function notify (notifications) {
  for (const n of notifications) transcript.push(`  notify ${n.to.join(', ')}: ${n.message}`)
}

const rita = ['rita', []]
handle('2026-12-01T09:00:00Z', rita, 'ONB-1', { type: 'create', id: 'ONB-1', kind: 'onboarding',
  fields: { employee: 'Noor Haddad', start_date: '2027-01-04', manager: 'mia', department: 'engineering', requested_by: 'rita' } })
handle('2026-12-01T09:05:00Z', rita, 'ONB-1', { type: 'transition', transition: 'request_approval' })
handle('2026-12-01T09:06:00Z', rita, 'ONB-1', { type: 'request_approval', on_approved: 'approve', steps: [
  { name: 'manager', mode: 'any', approvers: ['mia'] },
  { name: 'hr', mode: 'quorum', threshold_percent: 50, group: 'hr', approvers: ['hank', 'hera'] }] })
handle('2026-12-01T09:10:00Z', rita, 'ONB-1', { type: 'approve' })
handle('2026-12-01T10:00:00Z', ['mia', []], 'ONB-1', { type: 'approve', comment: 'Welcome aboard' })
handle('2026-12-01T11:00:00Z', ['hank', ['hr']], 'ONB-1', { type: 'approve' })
for (const [task, group, what] of [['TASK-HR', 'hr', 'Contract and payroll'], ['TASK-FAC', 'facilities', 'Desk and badge'], ['TASK-IT', 'it', 'Laptop and accounts']]) {
  handle('2026-12-01T11:30:00Z', ['system', []], task, { type: 'create', id: task, kind: 'task',
    fields: { assignment_group: group, short_description: what }, links: [{ kind: 'parent', target: 'ONB-1' }] })
}
handle('2026-12-02T09:00:00Z', ['mia', []], 'ONB-1', { type: 'transition', transition: 'mark_ready', set: { welcome_notes: 'Desk 4.12' } })
wake('2026-12-01T11:30:00Z', '2026-12-03T12:00:00Z', 'TASK-HR')
handle('2026-12-03T14:00:00Z', ['fay', ['facilities']], 'TASK-FAC', { type: 'transition', transition: 'close', set: { close_notes: 'Desk 4.12, badge printed' } })
handle('2026-12-03T15:00:00Z', ['ivan', ['it']], 'TASK-IT', { type: 'transition', transition: 'close', set: { close_notes: 'Laptop imaged' } })
handle('2026-12-03T16:00:00Z', ['hank', ['hr']], 'TASK-HR', { type: 'transition', transition: 'close', set: { close_notes: 'Contract signed' } })
handle('2026-12-04T09:00:00Z', ['mia', []], 'ONB-1', { type: 'transition', transition: 'mark_ready', set: { welcome_notes: 'Desk 4.12; laptop at the IT bar' } })
wake('2026-12-04T09:00:00Z', '2026-12-07T10:00:00Z', 'ONB-1')
const record = records.get('ONB-1')
transcript.push(`ONB-1 is ${record.fields.state} at version ${record.version}, ${record.history.events.length + 1} events`)
console.log(transcript.join('\n'))
