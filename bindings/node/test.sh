#!/usr/bin/env bash
# Builds the Node binding (debug) and runs its tests. Works from any directory
# and on a fresh machine with Node >= 20.17, npm and a Rust toolchain:
#   1. installs the npm dev dependencies (skipped when node_modules is current);
#   2. builds the addon with `napi build --platform` into the workspace target
#      directory, which regenerates index.js and index.d.ts;
#   3. fails if the regenerated index.js or index.d.ts differ from the files
#      that were there before (the committed ones on a fresh checkout), or if
#      documents.d.ts is not what scripts/documents.mjs generates from the
#      JSON Schemas in schemas/;
#   4. runs every __test__/*.test.mjs with node --test (conformance vectors, API
#      checks, and a tsc check of the declarations);
#   5. installs the reference host in examples/node_host with `npm ci` from its
#      committed lockfile (skipped when its node_modules is current) and runs
#      its tests (SQLite, four processes writing at once), then checks that
#      the install left the git tree as it was.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"

if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 17) ? 0 : 1)'; then
  echo "bindings/node: Node >= 20.17 is required, found $(node --version)" >&2
  exit 1
fi

# 1. Dependencies. `npm ci` fails with @napi-rs/cli 3.10 on Node 20 / npm 11,
# so install; npm records what it installed in node_modules/.package-lock.json.
if [[ ! -f node_modules/.package-lock.json ||
      package.json -nt node_modules/.package-lock.json ||
      package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm install --no-audit --no-fund --loglevel=error
fi

# 2. Build, keeping the generated files as they were before.
snapshot="$(mktemp -d)"
trap 'rm -rf "$snapshot"' EXIT
for file in index.js index.d.ts; do
  if [[ -f "$file" ]]; then cp "$file" "$snapshot/$file"; fi
done

./node_modules/.bin/napi build --platform

# 3. Drift of the generated files.
drifted=0
if ! node scripts/documents.mjs --check; then
  drifted=1
fi
for file in index.js index.d.ts; do
  if [[ ! -f "$snapshot/$file" ]]; then
    echo "bindings/node/$file was missing and has been generated: commit it." >&2
    drifted=1
  elif ! cmp -s "$snapshot/$file" "$file"; then
    echo "bindings/node/$file changed when rebuilt: review and commit the new version." >&2
    diff -u "$snapshot/$file" "$file" >&2 || true
    drifted=1
  fi
done
if [[ $drifted -ne 0 ]]; then
  exit 1
fi

# 4. Tests.
node --test --test-reporter=spec __test__/*.test.mjs

# 5. The reference host on SQLite. Its lockfile is committed; `npm ci`
# reinstalls from scratch (better-sqlite3 may compile for minutes where its
# prebuilt binaries cannot be downloaded), so it runs only when the lockfile
# is newer than the installed tree.
host=../../examples/node_host
if [[ ! -f "$host/node_modules/.package-lock.json" ||
      "$host/package.json" -nt "$host/node_modules/.package-lock.json" ||
      "$host/package-lock.json" -nt "$host/node_modules/.package-lock.json" ]]; then
  before="$(git -C "$host" status --porcelain -- . 2>/dev/null || true)"
  (cd "$host" && npm ci --no-audit --no-fund --loglevel=error)
  after="$(git -C "$host" status --porcelain -- . 2>/dev/null || true)"
  if [[ "$before" != "$after" ]]; then
    echo "examples/node_host: npm ci changed files under git; commit package-lock.json as npm writes it:" >&2
    echo "$after" >&2
    exit 1
  fi
fi
(cd "$host" && node --test --test-reporter=spec concurrency.test.mjs host.test.mjs)
