// One of the processes of concurrency.test.mjs: opens the shared SQLite file
// and, as fast as it can, adds comments and changes fields on the same
// records as the other workers. Reports to its parent every (record, version)
// it stored and how many commands it gave up on.
//
//   node concurrency-worker.mjs <database> <worker number> <records, comma separated> <comments per worker>

import { Host } from './host.mjs'

const [path, worker, ids, count] = process.argv.slice(2)
const records = ids.split(',')
const host = new Host(path, { retries: 1000 })
const actor = { id: `agent-${worker}`, roles: ['agent'], groups: ['network'] }

const stored = []
const failures = []
for (let i = 0; i < Number(count); i++) {
  const record = records[(i + Number(worker)) % records.length]
  const commands = [{ type: 'comment', text: `worker ${worker}, comment ${i}`, internal: i % 2 === 0 }]
  // A few field changes too: every tenth step.
  if (i % 10 === 5) commands.push({ type: 'set_fields', set: { short_description: `worker ${worker}, step ${i}` } })
  for (const command of commands) {
    try {
      for (const outcome of host.handle(record, command, { actor })) {
        for (const event of outcome.events) stored.push([event.record, event.version])
      }
    } catch (error) {
      failures.push(`${record}: ${error.code}: ${error.message}`)
    }
  }
}
const retried = host.retried
host.close()
process.send({ worker: Number(worker), stored, failures, retried }, () => process.exit(0))
