import { Outlet, useLocation } from '@tanstack/react-router'
import { createContext, useContext, useLayoutEffect, useRef, type RefObject } from 'react'

/** The path the user last moved to within the app, until its page heading takes focus. */
const ArrivalContext = createContext<RefObject<string | null>>({ current: null })

/** Every page: the skip link and the header; each page lays out the rest with `PageLayout`. */
export function RootLayout() {
  const pathname = useLocation({ select: (location) => location.pathname })
  const shown = useRef(pathname)
  // Null after a fresh load, where the browser has already put focus at the top of the document.
  const arrivalRef = useRef<string | null>(null)
  useLayoutEffect(() => {
    if (shown.current === pathname) return
    shown.current = pathname
    arrivalRef.current = pathname
  }, [pathname])
  return (
    <ArrivalContext value={arrivalRef}>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="app-header">
        <span className="app-brand">Automation Hub</span>
      </header>
      <Outlet />
    </ArrivalContext>
  )
}

/**
 * True once after the user moved to the current path within the app: its page heading should
 * take focus. Once, so a heading that mounts later on the same page (after a reload of its data,
 * say) leaves focus where the user has put it since.
 */
export function useArrivalFocus(): () => boolean {
  const arrivalRef = useContext(ArrivalContext)
  const pathname = useLocation({ select: (location) => location.pathname })
  return () => {
    if (arrivalRef.current === null || arrivalRef.current !== pathname) return false
    arrivalRef.current = null
    return true
  }
}
