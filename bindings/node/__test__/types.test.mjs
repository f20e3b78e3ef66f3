// Type-checks __test__/usage.ts against the generated index.d.ts.

import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)

test('index.d.ts types the API as documented (tsc --noEmit)', () => {
  const tsc = join(dirname(require.resolve('typescript/package.json')), 'bin', 'tsc')
  const project = fileURLToPath(new URL('./tsconfig.json', import.meta.url))
  const result = spawnSync(process.execPath, [tsc, '-p', project], { encoding: 'utf8' })
  assert.equal(result.status, 0, `tsc failed:\n${result.stdout}${result.stderr}`)
})
