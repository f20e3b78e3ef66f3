// One of the processes of concurrency.test.mjs, opening the shared SQLite
// file. Reports to its parent every (record, version) it stored, the commands
// it gave up on, and the follow-ups it found refused.
//
//   node concurrency-worker.mjs write <database> <worker> <records, comma separated> <comments>
//     adds comments and changes fields on the same records as the other
//     workers, as fast as it can;
//   node concurrency-worker.mjs wake <database> <worker> <now>
//     wakes every record due at <now> (the auto-close desk), as the other
//     workers do at the same moment.

import itsm from '../../bindings/node/index.js'
import { Host } from './host.mjs'

const { Desk, automationTemplate } = itsm

/** The desk of the wake test (as concurrency.test.mjs makes it): incidents close seven days after resolution. */
const closingDesk = () => new Desk({ automation: [automationTemplate('auto_close')] })

const [mode, path, worker, ...rest] = process.argv.slice(2)
const stored = []
const failures = []
const keep = (outcomes) => {
  for (const outcome of outcomes) for (const event of outcome.events) stored.push([event.record, event.version])
}

let host
if (mode === 'write') {
  const [ids, count] = rest
  const records = ids.split(',')
  host = new Host(path, { retries: 1000 })
  const actor = { id: `agent-${worker}`, roles: ['agent'], groups: ['network'] }
  for (let i = 0; i < Number(count); i++) {
    const record = records[(i + Number(worker)) % records.length]
    const commands = [{ type: 'comment', text: `worker ${worker}, comment ${i}`, internal: i % 2 === 0 }]
    // A few field changes too: every tenth step.
    if (i % 10 === 5) commands.push({ type: 'set_fields', set: { short_description: `worker ${worker}, step ${i}` } })
    for (const command of commands) {
      try {
        keep(host.handle(record, command, { actor }))
      } catch (error) {
        failures.push(`${record}: ${error.code}: ${error.message}`)
      }
    }
  }
} else if (mode === 'wake') {
  const [now] = rest
  host = new Host(path, { retries: 1000, desk: closingDesk() })
  keep(host.wakeDue(new Date(now)))
} else {
  throw new Error(`unknown mode ${mode}`)
}
const { retried, refused } = host
host.close()
process.send({ worker: Number(worker), stored, failures, retried, refused }, () => process.exit(0))
