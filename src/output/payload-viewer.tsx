/** The payload as formatted JSON. Focusable so keyboard users can scroll a long payload. */
export function PayloadViewer({ payload }: { payload: unknown }) {
  return (
    <div className="payload" role="region" aria-label="Payload" tabIndex={0}>
      <pre>
        <code>{JSON.stringify(payload, null, 2)}</code>
      </pre>
    </div>
  )
}
