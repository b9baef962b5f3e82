import { RECORD_ACTIONS } from '../bigcommerce/simulator/control-page'
import { SimulatorError } from '../bigcommerce/simulator/store-basics'
import type { DemoBackend } from './demo-backend'

/**
 * The in-browser demo's stand-in for the simulator's own pages (`npm run demo` serves them on
 * their own port): buttons that make something happen in the demo store, so Listen for an event
 * has something to hear, and (demo-bin-panel.ts) the request bin an HTTP Request step can send
 * to. Plain DOM after the app's root, so the app itself (and its pictures in the visual tests)
 * stays as the server serves it.
 */
export function mountDemoStorePanel(demo: Pick<DemoBackend, 'createRecord'>, parent: HTMLElement = document.body): HTMLElement {
  const panel = document.createElement('aside')
  panel.className = 'demo-store-panel'
  panel.setAttribute('aria-labelledby', 'demo-store-heading')

  const heading = document.createElement('h2')
  heading.id = 'demo-store-heading'
  heading.textContent = 'Demo store'
  const intro = document.createElement('p')
  intro.textContent = 'The simulated BigCommerce store behind this demo. Make something happen in it, and its webhooks deliver the event.'
  const { row, said } = buttonRow(
    RECORD_ACTIONS.map(({ kind, label }) => ({
      label,
      press: () => {
        try {
          const { id } = demo.createRecord(kind)
          return `Created ${kind} ${id} in Demo Store.`
        } catch (error) {
          if (!(error instanceof SimulatorError)) throw error
          return error.message
        }
      },
    })),
    heading.id,
  )
  panel.append(heading, intro, row, said)
  parent.append(panel)
  return panel
}

/**
 * A row of buttons, each saying in the output beside it what pressing it did. The panel has
 * more than one such output, so each is named by its section's heading (`labelledBy`).
 */
export function buttonRow(
  buttons: readonly { label: string; press: () => string }[],
  labelledBy: string,
): { row: HTMLElement; said: HTMLOutputElement } {
  const row = document.createElement('div')
  row.className = 'button-row'
  const said = document.createElement('output')
  said.className = 'block'
  said.setAttribute('aria-labelledby', labelledBy)
  for (const { label, press } of buttons) {
    const button = document.createElement('button')
    button.type = 'button'
    button.className = 'button button-secondary'
    button.textContent = label
    button.addEventListener('click', () => {
      said.textContent = press()
    })
    row.append(button)
  }
  return { row, said }
}
