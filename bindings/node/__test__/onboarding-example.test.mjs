// The onboarding example (examples/onboarding/) prints, from Node, the
// transcript the Rust and Python versions print: the same desk document, the
// same answers.

import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'

const example = new URL('../../../examples/onboarding/', import.meta.url)

test('the onboarding example prints the shared transcript', () => {
  const printed = execFileSync(process.execPath, [new URL('onboarding.mjs', example).pathname], { encoding: 'utf8' })
  assert.equal(printed, readFileSync(new URL('transcript.txt', example), 'utf8'))
})
