/** One Server-Sent Event: its name (`message` when the stream gave none), data and id. */
export type SseEvent = { event: string; data: string; id: string | undefined }

/**
 * A `text/event-stream` parser as the HTML standard describes it (§9.2.6), fed text as it arrives
 * in chunks of any size: lines end in CRLF, LF or CR; `:` starts a comment (the server's
 * heartbeat); `data` lines join with newlines; a blank line dispatches the event. EventSource
 * would do this too, but cannot send an AbortSignal or read an error answer's JSON body.
 */
export function createSseParser(onEvent: (event: SseEvent) => void): { push(text: string): void } {
  let pending = ''
  let first = true
  let data: string[] = []
  let name = ''
  let lastId: string | undefined

  function processLine(line: string): void {
    if (line === '') {
      // An event with no data line is dropped, as the standard says.
      if (data.length > 0) onEvent({ event: name || 'message', data: data.join('\n'), id: lastId })
      data = []
      name = ''
      return
    }
    if (line.startsWith(':')) return
    const colon = line.indexOf(':')
    const field = colon === -1 ? line : line.slice(0, colon)
    let value = colon === -1 ? '' : line.slice(colon + 1)
    if (value.startsWith(' ')) value = value.slice(1)
    if (field === 'data') data.push(value)
    else if (field === 'event') name = value
    else if (field === 'id' && !value.includes('\0')) lastId = value
    // `retry` and unknown fields are ignored: this client does not reconnect by itself.
  }

  return {
    push(text) {
      pending += text
      if (first && pending.length > 0) {
        first = false
        if (pending.startsWith('\uFEFF')) pending = pending.slice(1)
      }
      let start = 0
      for (let index = 0; index < pending.length; index += 1) {
        const char = pending[index]
        if (char !== '\n' && char !== '\r') continue
        // A CR last in the chunk may be half of a CRLF: wait for the next chunk to tell.
        if (char === '\r' && index === pending.length - 1) break
        processLine(pending.slice(start, index))
        if (char === '\r' && pending[index + 1] === '\n') index += 1
        start = index + 1
      }
      pending = pending.slice(start)
    },
  }
}
