import { RECORD_ACTIONS } from '../bigcommerce/simulator/control-page'
import { SimulatorError } from '../bigcommerce/simulator/store-basics'
import type { DemoBackend } from './demo-backend'

/**
 * The in-browser demo's stand-in for the simulator's own page (`npm run demo` serves it on its
 * own port): buttons that make something happen in the demo store, so Listen for an event has
 * something to hear. Plain DOM after the app's root, so the app itself (and its pictures in the
 * visual tests) stays as the server serves it.
 */
export function mountDemoStorePanel(demo: Pick<DemoBackend, 'createRecord'>, parent: HTMLElement = document.body): void {
  const panel = document.createElement('aside')
  panel.className = 'demo-store-panel'
  panel.setAttribute('aria-labelledby', 'demo-store-heading')

  const heading = document.createElement('h2')
  heading.id = 'demo-store-heading'
  heading.textContent = 'Demo store'
  const intro = document.createElement('p')
  intro.textContent = 'The simulated BigCommerce store behind this demo. Make something happen in it, and its webhooks deliver the event.'
  const buttons = document.createElement('div')
  buttons.className = 'button-row'
  const status = document.createElement('output')
  status.className = 'block'

  for (const { kind, label } of RECORD_ACTIONS) {
    const button = document.createElement('button')
    button.type = 'button'
    button.className = 'button button-secondary'
    button.textContent = label
    button.addEventListener('click', () => {
      try {
        const { id } = demo.createRecord(kind)
        status.textContent = `Created ${kind} ${id} in Demo Store.`
      } catch (error) {
        if (!(error instanceof SimulatorError)) throw error
        status.textContent = error.message
      }
    })
    buttons.append(button)
  }
  panel.append(heading, intro, buttons, status)
  parent.append(panel)
}
