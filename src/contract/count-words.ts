/**
 * A count in words, "1 delivery" and "3 deliveries", for the UI, the API's messages and the
 * server's log alike (so it sits here, below all of them). The word's form follows English's
 * plural rules as `Intl.PluralRules` has them, and the number is written as English writes it
 * ("1,250"), whatever the reader's locale: the app's words are English.
 */

/** A word's forms: `{ one: 'delivery', other: 'deliveries' }`. */
export type Noun = { one: string; other: string }

const pluralRules = new Intl.PluralRules('en')
const numbers = new Intl.NumberFormat('en')

/** The form of `noun` that goes with `count`: "delivery" for 1, "deliveries" for 0 and 2. */
export function pluralForm(count: number, noun: Noun): string {
  return pluralRules.select(count) === 'one' ? noun.one : noun.other
}

/** "1 delivery", "1,250 deliveries"; with `zero`, the words for none instead ("No deliveries"). */
export function countOf(count: number, noun: Noun, { zero }: { zero?: string } = {}): string {
  if (count === 0 && zero !== undefined) return zero
  return `${numbers.format(count)} ${pluralForm(count, noun)}`
}
