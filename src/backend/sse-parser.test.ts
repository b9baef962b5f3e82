import { describe, expect, it } from 'vitest'
import { createSseParser, type SseEvent } from './sse-parser'

function parse(chunks: readonly string[]): SseEvent[] {
  const events: SseEvent[] = []
  const parser = createSseParser((event) => events.push(event))
  for (const chunk of chunks) parser.push(chunk)
  return events
}

describe('createSseParser', () => {
  it('reads named events, joins data lines, and skips comments such as the heartbeat', () => {
    expect(
      parse([': heartbeat\n\nevent: ready\ndata: {"a":1}\n\n: heartbeat\n\nevent: delivery\ndata: line one\ndata: line two\nid: d1\n\n']),
    ).toEqual([
      { event: 'ready', data: '{"a":1}', id: undefined },
      { event: 'delivery', data: 'line one\nline two', id: 'd1' },
    ])
  })

  it('gives the same events however the text is cut into chunks, even inside a CRLF', () => {
    const text = 'event: ready\r\ndata: {"x":"é"}\r\n\r\ndata:no space\rdata:  two spaces\r\rdata\n\n'
    const whole = parse([text])
    expect(whole).toEqual([
      { event: 'ready', data: '{"x":"é"}', id: undefined },
      { event: 'message', data: 'no space\n two spaces', id: undefined },
      { event: 'message', data: '', id: undefined },
    ])
    for (let cut = 1; cut < text.length; cut += 1) expect(parse([text.slice(0, cut), text.slice(cut)])).toEqual(whole)
    expect(parse([...text])).toEqual(whole)
  })

  it('drops an event without data, one cut off before its blank line, and a leading byte-order mark', () => {
    expect(parse(['\uFEFFevent: ready\n\nevent: end\ndata: {}\n\nevent: delivery\ndata: {"half":'])).toEqual([
      { event: 'end', data: '{}', id: undefined },
    ])
  })

  it('keeps the last id for later events, and ignores an id holding NUL and unknown fields', () => {
    expect(parse(['id: 7\ndata: a\n\nretry: 10\nfoo: bar\ndata: b\n\nid: x\0y\ndata: c\n\n'])).toEqual([
      { event: 'message', data: 'a', id: '7' },
      { event: 'message', data: 'b', id: '7' },
      { event: 'message', data: 'c', id: '7' },
    ])
  })
})
