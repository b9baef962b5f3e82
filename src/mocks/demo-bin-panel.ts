import { binRequestsHtml } from '../bigcommerce/simulator/bin-page'
import { binControlSchema, describeSettings, DEMO_BIN_NAME, type BinControl, type RequestBins } from '../bigcommerce/simulator/request-bin'
import { buttonRow } from './demo-store-panel'

/**
 * The Demo store panel's request bin: where to point an HTTP Request step, what the bin
 * received (the list the simulator's /bin page shows, newest first), and the page's controls
 * to make it fail, be slow or come back. Plain DOM like the rest of the panel.
 */

const BUTTONS: readonly { action: BinControl['action']; label: string }[] = [
  { action: 'fail', label: 'Fail the next requests' },
  { action: 'down', label: 'Go down' },
  { action: 'slow', label: 'Be slow' },
  { action: 'back', label: 'Come back' },
  { action: 'clear', label: 'Clear the list' },
]

function numberField(
  label: string,
  name: string,
  value: number,
  min: number,
  max: number,
): { field: HTMLElement; input: HTMLInputElement } {
  const field = document.createElement('label')
  field.className = 'field demo-bin-field'
  const input = document.createElement('input')
  Object.assign(input, { type: 'number', name, className: 'input', min: String(min), max: String(max), value: String(value) })
  field.append(label, input)
  return { field, input }
}

export function mountDemoBinSection(bins: RequestBins, binUrl: string, parent: HTMLElement): void {
  const section = document.createElement('section')
  section.className = 'demo-bin'
  section.setAttribute('aria-labelledby', 'demo-bin-heading')

  const heading = document.createElement('h3')
  heading.id = 'demo-bin-heading'
  heading.textContent = 'Request bin'
  const intro = document.createElement('p')
  const address = document.createElement('code')
  address.textContent = binUrl
  intro.append('A destination for an HTTP Request step: use ', address, ' as its URL. What it receives is listed here, newest first.')
  const state = document.createElement('p')

  const controls = document.createElement('fieldset')
  controls.className = 'demo-bin-controls'
  const legend = document.createElement('legend')
  legend.textContent = 'Make the bin fail, slow, or come back'
  const { settings } = bins.get(DEMO_BIN_NAME)
  const status = numberField('Status to fail with', 'status', settings.failStatus, 300, 599)
  const times = numberField('Requests to fail', 'times', settings.failNext || 3, 1, 1000)
  const delay = numberField('Wait before answering (ms)', 'delayMs', settings.delayMs || 3000, 1, 60_000)
  const { row, said } = buttonRow(
    BUTTONS.map(({ action, label }) => ({
      label,
      press: () => {
        const parsed = binControlSchema.safeParse({
          action,
          status: status.input.value,
          times: times.input.value,
          delayMs: delay.input.value,
        })
        return parsed.success ? bins.control(DEMO_BIN_NAME, parsed.data) : (parsed.error.issues[0]?.message ?? '')
      },
    })),
    heading.id,
  )
  controls.append(legend, status.field, times.field, delay.field, row)

  const list = document.createElement('div')
  const render = () => {
    const bin = bins.get(DEMO_BIN_NAME)
    state.textContent = `${describeSettings(bin.settings)} Received ${bin.received === 1 ? '1 request' : `${bin.received} requests`}.`
    // Escaped by binRequestsHtml: what a request sent never becomes markup.
    list.innerHTML = binRequestsHtml(bin, 3)
  }
  bins.subscribe(render)
  render()

  section.append(heading, intro, state, controls, said, list)
  parent.append(section)
}
