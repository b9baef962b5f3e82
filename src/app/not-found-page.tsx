import { Link } from '@tanstack/react-router'
import { PageHeading } from './page-heading'
import { PageLayout } from './page-layout'

export function NotFoundPage() {
  return (
    <PageLayout narrow>
      <PageHeading>Page not found</PageHeading>
      <p>
        <Link to="/">Back to Automations</Link>
      </p>
    </PageLayout>
  )
}
