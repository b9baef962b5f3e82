import { Link, type ErrorComponentProps } from '@tanstack/react-router'
import { PageLayout } from './page-layout'

/**
 * What a page that failed to render shows instead of a blank screen: the router's error boundary
 * renders it in place of the page. The way back is a link, so it works with the broken page gone.
 */
export function ErrorPage({ error }: ErrorComponentProps) {
  return (
    <PageLayout narrow>
      <h1>Something went wrong</h1>
      <div className="alert alert-error" role="alert">
        <p>This page could not be shown: {error instanceof Error ? error.message : String(error)}</p>
      </div>
      <p>
        <Link to="/">Back to Automations</Link>
      </p>
    </PageLayout>
  )
}
