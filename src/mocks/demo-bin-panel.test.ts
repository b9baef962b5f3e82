import { screen, within } from '@testing-library/dom'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it } from 'vitest'
import { createRequestBins } from '../bigcommerce/simulator/request-bin'
import { mountDemoBinSection } from './demo-bin-panel'

const BIN_URL = 'https://api.bigcommerce.com/bin/demo'

afterEach(() => document.body.replaceChildren())

function mounted() {
  const bins = createRequestBins({ now: () => new Date('2031-07-15T10:30:00Z') })
  mountDemoBinSection(bins, BIN_URL, document.body)
  const section = screen.getByRole('region', { name: 'Request bin' })
  const send = (body: string, headers: Record<string, string> = {}) => {
    const bytes = new TextEncoder().encode(body)
    return bins.receive('demo', {
      method: 'POST',
      url: new URL(BIN_URL),
      headers: new Headers(headers),
      body: bytes,
      bodyBytes: bytes.length,
    })
  }
  return { bins, section, send, user: userEvent.setup() }
}

describe('the Demo store panel’s request bin', () => {
  it('says where to send, and lists what arrives as it arrives, newest first', () => {
    const { section, send } = mounted()
    expect(section).toHaveTextContent(`use ${BIN_URL} as its URL`)
    expect(section).toHaveTextContent('Answers 200. Received 0 requests.')
    expect(within(section).getByText('Nothing received yet.')).toBeInTheDocument()

    send('{"name":"Orbit Terrarium"}', { 'webhook-id': 'msg_1', 'webhook-signature': 'v1,abc' })
    send('{"name":"Second"}')
    const requests = within(section).getAllByRole('listitem', { name: 'POST /bin/demo' })
    expect(requests).toHaveLength(2)
    expect(requests[0]).toHaveTextContent('Request 2')
    expect(requests[1]).toHaveTextContent('webhook-idmsg_1')
    expect(within(requests[1] as HTMLElement).getByRole('figure')).toHaveTextContent('Body (26 bytes){ "name": "Orbit Terrarium" }')
    expect(section).toHaveTextContent('Received 2 requests.')
  })

  it('makes the bin fail, go down, be slow and come back from its buttons', async () => {
    const { section, send, user } = mounted()
    const press = (name: string) => user.click(within(section).getByRole('button', { name }))
    const said = () => within(section).getByRole('status', { name: 'Request bin' })

    await user.clear(within(section).getByRole('spinbutton', { name: 'Requests to fail' }))
    await user.type(within(section).getByRole('spinbutton', { name: 'Requests to fail' }), '1')
    await press('Fail the next requests')
    expect(said()).toHaveTextContent('demo: Answers 503 to the next request, then 200.')
    expect([send('{}').status, send('{}').status]).toEqual([503, 200])

    await press('Go down')
    expect(send('{}').status).toBe(503)
    await press('Be slow')
    expect(said()).toHaveTextContent('Slow: waits 3 s before each answer.')
    await press('Come back')
    expect(said()).toHaveTextContent('demo: Answers 200.')
    expect(send('{}')).toMatchObject({ status: 200, delayMs: 0 })

    await press('Clear the list')
    expect(within(section).getByText('Nothing received yet.')).toBeInTheDocument()
  })

  it('says what is wrong with a number typed in, and changes nothing', async () => {
    const { bins, section, user } = mounted()
    await user.clear(within(section).getByRole('spinbutton', { name: 'Status to fail with' }))
    await user.type(within(section).getByRole('spinbutton', { name: 'Status to fail with' }), '200')
    await user.click(within(section).getByRole('button', { name: 'Go down' }))
    expect(within(section).getByRole('status', { name: 'Request bin' })).toHaveTextContent('The status is 300 to 599.')
    expect(bins.get('demo').settings.down).toBe(false)
  })
})
