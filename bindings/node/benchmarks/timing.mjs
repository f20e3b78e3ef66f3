// What the benchmark scripts beside this file share: a median of repeated runs.

/** The median wall time in seconds of `times` calls of `fn`, and its last answer. */
export function median(fn, times) {
  const seconds = []
  let result
  for (let i = 0; i < times; i++) {
    const began = process.hrtime.bigint()
    result = fn()
    seconds.push(Number(process.hrtime.bigint() - began) / 1e9)
  }
  seconds.sort((a, b) => a - b)
  return [seconds[Math.floor(times / 2)], result]
}
