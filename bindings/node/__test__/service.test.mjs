// ServiceGraph as a Node user meets it: an empty graph grown by changes, the
// impact of failures with their paths, changes and queries as JSON text, and
// the errors of bad arguments.

import assert from 'node:assert/strict'
import { test } from 'node:test'

import { ServiceGraph } from '../index.js'

test('a graph grown by changes answers the impact of a failure', () => {
  const graph = new ServiceGraph()
  for (const item of [{ id: 'payroll', kind: 'business_service' }, { id: 'app' }, { id: 'db-1' }, { id: 'db-2' }]) {
    graph.apply({ add_item: item })
  }
  graph.apply({ add_group: { id: 'db', members: ['db-1', 'db-2'], min_up: 1 } })
  graph.apply('{"add_relation": {"from": "app", "kind": "depends_on", "to": "db"}}')
  graph.apply({ add_relation: { from: 'payroll', kind: 'depends_on', to: 'app' } })
  assert.equal(graph.size, 5)
  const one = graph.impact({ failures: [{ item: 'db-1' }] })
  assert.deepEqual(one.affected.map((a) => [a.id, a.health]), [['db-1', 'down'], ['db', 'degraded'], ['app', 'degraded'], ['payroll', 'degraded']])
  const both = graph.impact('{"failures": [{"item": "db-1"}, {"item": "db-2"}]}')
  const payroll = both.affected.find((a) => a.id === 'payroll')
  assert.deepEqual(payroll.path, ['db-1', 'db', 'app', 'payroll'])
  assert.equal(both.counts.services_down, 1)
  assert.deepEqual(ServiceGraph.fromJSON(JSON.stringify(graph)).toJSON(), graph.toJSON())
})

test('refused changes and queries throw with the path, and change nothing', () => {
  const graph = ServiceGraph.fromJSON({ items: [{ id: 'a' }, { id: 'b' }], relations: [{ from: 'a', kind: 'depends_on', to: 'b' }] })
  const before = graph.toJSON()
  assert.throws(() => graph.apply({ add_relation: { from: 'b', kind: 'runs_on', to: 'a' } }), {
    code: 'ITSM_INVALID_INPUT',
    message: 'add_relation: closes a cycle along which impact flows: a -> b -> a',
  })
  assert.deepEqual(graph.toJSON(), before)
  assert.throws(() => graph.apply({ add_item: { id: 'c', colour: 'red' } }), { code: 'ITSM_INVALID_INPUT' })
  assert.throws(() => graph.impact({ failures: [{ item: 'zz' }] }), {
    code: 'ITSM_INVALID_INPUT',
    message: 'failures[0].item: unknown item "zz"',
  })
  assert.throws(() => ServiceGraph.fromJSON(42), { code: 'ITSM_INVALID_ARGUMENT' })
})
