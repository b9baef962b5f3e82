import type { Callback } from '../contract/events'
import { toBackendError } from '../backend/backend-error'
import { useResourceQuery } from '../backend/trigger-queries'
import { LazyJsonViewer } from './lazy-json-viewer'

export const documentedSampleNote =
  'The documented sample’s ids are examples from the BigCommerce documentation and may not exist in your store: create a matching record in the store and test again.'

/**
 * The record behind `payload`, fetched through the backend as the connector's action would.
 * It fetches on mount, so it is mounted only once its tab is opened.
 */
export function ResourcePanel({
  automationId,
  payload,
  isDocumentedSample,
  fileName,
}: {
  automationId: string
  payload: Callback
  /** The payload is the documented sample, whose ids are made up: a failure is then likely. */
  isDocumentedSample: boolean
  fileName: string
}) {
  const resource = useResourceQuery(automationId, payload)

  if (resource.isPending) return <output className="muted">Fetching the record from your store…</output>

  if (resource.isError) {
    return (
      <div className="alert alert-error">
        {/* Keyed by the failure's time, so a Retry that fails again is announced again. */}
        <p role="alert" key={resource.errorUpdatedAt}>
          The record could not be fetched: {toBackendError(resource.error).message}
          {isDocumentedSample && <> {documentedSampleNote}</>}
        </p>
        <button
          type="button"
          className="button button-secondary"
          aria-busy={resource.isFetching || undefined}
          onClick={() => {
            if (!resource.isFetching) void resource.refetch()
          }}
        >
          {resource.isFetching && <span className="spinner" aria-hidden="true" />}
          Retry
        </button>
      </div>
    )
  }

  const { request, readScope } = resource.data
  return (
    <div className="stack-tight">
      <dl className="details">
        <div>
          <dt>Request</dt>
          <dd>
            <code>{request}</code>
          </dd>
        </div>
        <div>
          <dt>OAuth scope</dt>
          <dd>
            {readScope.label} (<code>{readScope.parameter}</code>)
          </dd>
        </div>
      </dl>
      <LazyJsonViewer value={resource.data.resource} label="Resource" fileName={fileName} />
    </div>
  )
}
