// What the runners of the shared vectors (tests/vectors/, format in its
// README) have in common: finding and reading the files, comparing an answer
// with `expect`, and the error object of a failed call.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

export const vectorRoot = fileURLToPath(new URL('../../../tests/vectors/', import.meta.url))

/** The vector files of one area, sorted by name; none when the directory is missing. */
export function vectorFiles(area) {
  const dir = `${vectorRoot}${area}/`
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => ({ name, vectors: JSON.parse(readFileSync(dir + name, 'utf8')) }))
}

const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value)
const show = (value) => JSON.stringify(value)

/**
 * The first difference between `actual` and what it must contain, or null: an
 * expected object matches an object holding every key it lists, each matching;
 * an expected array matches an array of the same length, element by element;
 * scalars match by equality. An instant, a Date in the binding's results,
 * matches its canonical text (`2026-11-23T09:00:00.000Z`).
 */
export function difference(actual, expected, path = '$') {
  if (actual instanceof Date) {
    return typeof expected === 'string' && actual.toISOString() === expected
      ? null
      : `${path}: got the Date ${actual.toISOString()}, expected ${show(expected)}`
  }
  if (isObject(expected)) {
    if (!isObject(actual)) return `${path}: got ${show(actual)}, expected an object ${show(expected)}`
    for (const [key, want] of Object.entries(expected)) {
      const here = `${path}.${key}`
      if (!Object.hasOwn(actual, key)) return `${here}: missing, expected ${show(want)}`
      const found = difference(actual[key], want, here)
      if (found !== null) return found
    }
    return null
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${path}: got ${show(actual)}, expected an array ${show(expected)}`
    if (actual.length !== expected.length) {
      return `${path}: ${actual.length} elements, expected ${expected.length}: ${show(actual)}`
    }
    for (let i = 0; i < expected.length; i++) {
      const found = difference(actual[i], expected[i], `${path}[${i}]`)
      if (found !== null) return found
    }
    return null
  }
  return actual === expected ? null : `${path}: got ${show(actual)}, expected ${show(expected)}`
}

/**
 * The answer of `fn`, or the README's error object for a core error:
 * `{error: <code>}`, with `message` too when `withMessage`.
 */
export function answerOrError(fn, { withMessage = false } = {}) {
  try {
    return fn()
  } catch (error) {
    if (typeof error?.code === 'string' && error.code.startsWith('ITSM_')) {
      const code = error.code.slice('ITSM_'.length).toLowerCase()
      return withMessage ? { error: code, message: error.message } : { error: code }
    }
    throw error
  }
}

/** What loading a document gives: `{code, message}` of the error, or `{code: null}`. */
export function loadResult(fromJSON, doc) {
  try {
    fromJSON(doc)
    return { code: null }
  } catch (error) {
    return { code: error.code, message: error.message }
  }
}

/**
 * The raw text of the member `key` of the JSON object `text`, at its top
 * level, as it is written there (no parsing and writing again, which would
 * turn the core's `1.0` into `1`); undefined when the object has no such
 * member.
 */
export function memberText(text, key) {
  let depth = 0
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (c === '"') {
      const start = i
      for (i++; text[i] !== '"'; i++) if (text[i] === '\\') i++
      if (depth === 1 && JSON.parse(text.slice(start, i + 1)) === key && text[i + 1] === ':') {
        const from = i + 2
        let inner = 0
        for (let j = from; j < text.length; j++) {
          const d = text[j]
          if (d === '"') {
            for (j++; text[j] !== '"'; j++) if (text[j] === '\\') j++
          } else if (d === '{' || d === '[') inner++
          else if (d === '}' || d === ']') {
            if (inner === 0) return text.slice(from, j)
            inner--
          } else if (d === ',' && inner === 0) return text.slice(from, j)
        }
      }
    } else if (c === '{' || c === '[') depth++
    else if (c === '}' || c === ']') depth--
  }
  return undefined
}
