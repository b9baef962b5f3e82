/** The payload as formatted JSON. Focusable so keyboard users can scroll a long payload. */
export function PayloadViewer({ payload }: { payload: unknown }) {
  return (
    // oxlint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrollable region must be reachable by keyboard (axe scrollable-region-focusable)
    <section className="payload" aria-label="Payload" tabIndex={0}>
      <pre>
        <code>{JSON.stringify(payload, null, 2)}</code>
      </pre>
    </section>
  )
}
