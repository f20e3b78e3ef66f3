// The README's example of a workflow in a backend: an HTTP handler on
// node:http that receives "move INC-42 to <state>" as
// POST /incidents/INC-42/transitions with the JSON body {to, fields}, looks
// the record up in an in-memory Map, validates the move with the built-in
// incident workflow, and answers 409 with every reason, or 200 with the
// record as the move leaves it. The test starts the server on port 0 and
// makes real requests with fetch.

import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import { after, before, test } from 'node:test'

import { Workflow } from '../index.js'

// --- the README example -------------------------------------------------------

const incident = Workflow.builtin('incident')
const incidents = new Map([['INC-42', { state: 'in_progress', caller: 'bob', assignment_group: 'network' }]])

async function handle(req, res) {
  const match = /^\/incidents\/([^/]+)\/transitions$/.exec(req.url)
  const record = match && incidents.get(match[1])
  if (req.method !== 'POST' || !record) return send(res, 404, { error: 'not found' })
  let body = ''
  for await (const chunk of req) body += chunk
  try {
    const { to, fields = {} } = JSON.parse(body)
    const actor = { id: req.headers['x-user'], roles: ['agent'], groups: ['network'] }
    const verdict = incident.validate({ ...record, ...fields }, to, { actor, now: new Date() })
    if (!verdict.allowed) return send(res, 409, { reasons: verdict.reasons })
    Object.assign(record, fields, verdict.sets, { state: verdict.to })
    send(res, 200, record)
  } catch (error) {
    send(res, 400, { error: error.code ?? 'bad_request', message: error.message })
  }
}

function send(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
}

// --- the test ------------------------------------------------------------------

let server
let base

before(async () => {
  server = createServer(handle)
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${server.address().port}`
})

after(() => new Promise((resolve) => server.close(resolve)))

/** POSTs a move of `id` and answers the status and the JSON body. */
async function move(id, body, user = 'ann') {
  const response = await fetch(`${base}/incidents/${id}/transitions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-user': user },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  return { status: response.status, body: await response.json() }
}

test('a refused move answers 409 with every reason', async () => {
  const { status, body } = await move('INC-42', { to: 'resolved' })
  assert.equal(status, 409)
  assert.deepStrictEqual(body, {
    reasons: [
      {
        transition: 'resolve',
        code: 'field_required',
        path: 'transitions[7].requires[0]',
        field: 'resolution_code',
        message: 'resolve needs resolution_code',
      },
      {
        transition: 'resolve',
        code: 'field_required',
        path: 'transitions[7].requires[1]',
        field: 'resolution_notes',
        message: 'resolve needs resolution_notes',
      },
    ],
  })
  assert.equal(incidents.get('INC-42').state, 'in_progress')
})

test('an allowed move answers 200 and updates the record', async () => {
  const fields = { resolution_code: 'solved_permanently', resolution_notes: 'replaced the switch' }
  const { status, body } = await move('INC-42', { to: 'resolved', fields })
  assert.equal(status, 200)
  assert.deepStrictEqual(body, {
    state: 'resolved',
    caller: 'bob',
    assignment_group: 'network',
    resolution_code: 'solved_permanently',
    resolution_notes: 'replaced the switch',
    hold_reason: null,
  })
  const again = await move('INC-42', { to: 'assigned' })
  assert.equal(again.status, 409)
  assert.equal(again.body.reasons[0].code, 'not_from_state')
})

test('bad requests answer 400 with the error code, unknown records 404', async () => {
  assert.deepStrictEqual(await move('INC-42', { to: 'escalated' }), {
    status: 400,
    body: {
      error: 'ITSM_INVALID_ARGUMENT',
      message: 'invalid argument `transition`: `escalated` is neither a transition nor a state of the workflow incident',
    },
  })
  assert.equal((await move('INC-42', '{not json')).status, 400)
  assert.equal((await move('INC-7', { to: 'resolved' })).status, 404)
})
