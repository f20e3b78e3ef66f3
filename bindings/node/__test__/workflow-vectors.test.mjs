// Runs every conformance vector in tests/vectors/workflow/ as
// tests/vectors/README.md ("Workflow vectors") describes, the way a user would
// call the API: documents and records as plain objects, the context's `now` as
// a Date. Answers must equal `expect` exactly (reasons are ordered lists, and
// a key more or less is a failure); a call that must fail gives
// `{error, message}` with the message exact.
//
// Every `validate` case is also run through the fast paths, which must agree:
// `allows` answers `expect.allowed`, and `reasonsAgainst` on a WorkflowContext
// (one made for the case, and one reused across the file's cases through its
// setters) gives exactly `expect.reasons`, or throws the same error.

import assert from 'node:assert/strict'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { after, describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'

import { Workflow, WorkflowContext } from '../index.js'
import { answerOrError as answerOrErrorOf } from './vector-support.mjs'

const vectorDir = fileURLToPath(new URL('../../../tests/vectors/workflow/', import.meta.url))
const files = existsSync(vectorDir)
  ? readdirSync(vectorDir)
      .filter((name) => name.endsWith('.json'))
      .sort()
  : []

/** The keys a workflow vector file may have (tests/vectors/README.md). */
const KEYS = new Set(['description', 'builtin', 'workflow', 'cases', 'expect_lint', 'lint_documents', 'invalid_workflows'])

/** How many vectors were checked, by kind. */
const counted = { cases: 0, fast: 0, expect_lint: 0, lint_documents: 0, invalid_workflows: 0 }

/** The answer of `fn`, or the README's error object `{error, message}` for a core error. */
const answerOrError = (fn) => answerOrErrorOf(fn, { withMessage: true })

/** A context document as a user passes it: `now` as a `Date`. */
function userContext(context) {
  if (context === undefined || context === null) return context
  if (typeof context.now !== 'string') return context
  const now = new Date(context.now)
  assert.ok(Number.isFinite(now.getTime()), `the vector's now ${context.now} is not an instant`)
  return { ...context, now }
}

const isError = (expect) => typeof expect === 'object' && expect !== null && !Array.isArray(expect) && 'error' in expect

test('the workflow vector directory has files', () => {
  assert.ok(files.length > 0, `no vectors in ${vectorDir}`)
})

for (const file of files) {
  const vectors = JSON.parse(readFileSync(vectorDir + file, 'utf8'))

  describe(file, () => {
    test('has only the keys the README defines', () => {
      const unknown = Object.keys(vectors).filter((key) => !KEYS.has(key))
      assert.deepStrictEqual(unknown, [], `unknown keys in ${file}`)
    })

    for (const c of vectors.invalid_workflows ?? []) {
      test(`invalid workflow: ${c.name}`, () => {
        counted.invalid_workflows++
        assert.deepStrictEqual(answerOrError(() => Workflow.fromJSON(c.workflow) && 'loaded'), c.expect)
        assert.deepStrictEqual(answerOrError(() => Workflow.fromJSON(JSON.stringify(c.workflow)) && 'loaded'), c.expect)
      })
    }

    for (const c of vectors.lint_documents ?? []) {
      test(`lint document: ${c.name}`, () => {
        counted.lint_documents++
        assert.deepStrictEqual(answerOrError(() => Workflow.lintDocument(c.workflow)), c.expect)
        assert.deepStrictEqual(answerOrError(() => Workflow.lintDocument(JSON.stringify(c.workflow))), c.expect)
      })
    }

    if (vectors.workflow === undefined && vectors.builtin === undefined) return
    const workflow =
      vectors.workflow !== undefined ? Workflow.fromJSON(vectors.workflow) : Workflow.builtin(vectors.builtin)

    if ('expect_lint' in vectors) {
      test('expect_lint', () => {
        counted.expect_lint++
        assert.deepStrictEqual(workflow.lint(), vectors.expect_lint)
      })
    }

    // One context reused across the file's cases, changed through its setters.
    const reused = new WorkflowContext()

    for (const c of vectors.cases ?? []) {
      test(c.name, () => {
        counted.cases++
        const context = userContext(c.context)
        switch (c.op) {
          case 'validate': {
            const verdict = answerOrError(() => workflow.validate(c.record, c.request, context))
            assert.deepStrictEqual(verdict, c.expect)
            const allows = answerOrError(() => workflow.allows(c.record, c.request, context))
            assert.deepStrictEqual(allows, isError(c.expect) ? c.expect : c.expect.allowed, 'allows disagrees')
            const text = answerOrError(() => JSON.parse(workflow.validateJSON(c.record, c.request, context)))
            assert.deepStrictEqual(text, c.expect, 'validateJSON disagrees')
            // The fast path takes the state as a string: only records that have one.
            if (typeof c.record?.state !== 'string') return
            counted.fast++
            const expected = isError(c.expect) ? c.expect : c.expect.reasons
            const fresh = new WorkflowContext(context, c.record)
            assert.deepStrictEqual(
              answerOrError(() => workflow.reasonsAgainst(c.record.state, c.request, fresh)),
              expected,
              'reasonsAgainst disagrees',
            )
            reused.setContext(context)
            reused.setRecord(c.record)
            assert.deepStrictEqual(
              answerOrError(() => workflow.reasonsAgainst(c.record.state, c.request, reused)),
              expected,
              'reasonsAgainst on a reused context disagrees',
            )
            break
          }
          case 'available':
            assert.deepStrictEqual(answerOrError(() => workflow.available(c.record, context)), c.expect)
            break
          default:
            assert.fail(`unknown op ${c.op}`)
        }
      })
    }
  })
}

after(() => {
  const total = counted.cases + counted.expect_lint + counted.lint_documents + counted.invalid_workflows
  console.log(
    `workflow vectors: ${files.length} files, ${counted.cases} cases (${counted.fast} also through reasonsAgainst), ` +
      `${counted.expect_lint} expect_lint, ${counted.lint_documents} lint_documents, ` +
      `${counted.invalid_workflows} invalid_workflows`,
  )
  if (files.length > 0) assert.ok(total > 0, 'the workflow vector files hold no vectors')
})
