import { lazy, Suspense } from 'react'
import type { JsonViewerProps } from './json-viewer/json-viewer'

/** Shown instead of the viewer when its code cannot be loaded, e.g. after a deploy replaced it. */
function ViewerUnavailable() {
  return <p className="muted">The JSON viewer could not be loaded. Reload the page to try again.</p>
}

// The viewer and its CSS are most of the output's weight and only needed once there is output,
// so they stay out of the first page (checked by scripts/bench-bundle.mjs). A failed import shows
// words in place of the viewer, rather than the router's error page in place of the whole page.
const JsonViewer = lazy(() =>
  import('./json-viewer/json-viewer').then(
    (module) => ({ default: module.JsonViewer }),
    () => ({ default: ViewerUnavailable }),
  ),
)

/** The JSON viewer, loaded on first use. */
export function LazyJsonViewer(props: JsonViewerProps) {
  return (
    <Suspense fallback={<output className="muted">Loading the viewer…</output>}>
      <JsonViewer {...props} />
    </Suspense>
  )
}
