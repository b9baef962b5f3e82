import { Link } from '@tanstack/react-router'
import type { ReactNode } from 'react'

type PageLayoutProps = {
  /** The page's own navigation, under the app's (an automation's steps). */
  nav?: ReactNode
  /** A single column of reading width, for lists and messages. */
  narrow?: boolean
  children: ReactNode
}

/** The left navigation (the app's pages, then the page's own) and the page's main content. */
export function PageLayout({ nav, narrow = false, children }: PageLayoutProps) {
  return (
    <div className="app-layout">
      <div className="side-nav">
        <nav aria-label="Main">
          <ul>
            <li>
              <Link to="/" className="side-nav-link" activeOptions={{ exact: true }}>
                Automations
              </Link>
            </li>
            <li>
              <Link to="/accounts" className="side-nav-link">
                Accounts
              </Link>
            </li>
          </ul>
        </nav>
        {nav}
      </div>
      <main id="main" className={narrow ? 'page page-narrow' : 'page'} tabIndex={-1}>
        {children}
      </main>
    </div>
  )
}
