import type { ReactNode } from 'react'

// A pathological query such as "e" on a long line would otherwise make hundreds of <mark>s per row.
const maxMarks = 20

/** `text` with each case-insensitive occurrence of `query` wrapped in <mark>. */
export function HighlightedText({ text, query }: { text: string; query: string }) {
  if (query === '') return text
  const lowerText = text.toLowerCase()
  const lowerQuery = query.toLowerCase()
  const parts: ReactNode[] = []
  let from = 0
  let at = lowerText.indexOf(lowerQuery)
  while (at !== -1 && parts.length < maxMarks * 2) {
    if (at > from) parts.push(text.slice(from, at))
    parts.push(<mark key={at}>{text.slice(at, at + query.length)}</mark>)
    from = at + query.length
    at = lowerText.indexOf(lowerQuery, from)
  }
  if (parts.length === 0) return text
  parts.push(text.slice(from))
  return <>{parts}</>
}
