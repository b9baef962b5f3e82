/** One encoder for every comparison: it holds no state, and every delivery is compared. */
const UTF8 = new TextEncoder()

/**
 * Compares without an early exit so the time taken does not reveal how much of a guessed
 * secret was right. Pure JS because Web Crypto has no timing-safe compare.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = UTF8.encode(a)
  const right = UTF8.encode(b)
  const length = Math.max(left.length, right.length)
  let difference = left.length ^ right.length
  for (let index = 0; index < length; index += 1) {
    difference |= (left[index] ?? 0) ^ (right[index] ?? 0)
  }
  return difference === 0
}
