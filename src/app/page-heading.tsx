import { useEffect, useRef, type ReactNode } from 'react'
import { useArrivalFocus } from './root-layout'

/**
 * A page's h1. After a move within the app it takes focus: a full page load would start keyboard
 * and screen reader users at the top of the new page, but a client-side move leaves them on a link
 * or button that is gone. Focusing the heading also has it read out, so the change is announced.
 * https://www.gatsbyjs.com/blog/2019-07-11-user-testing-accessible-client-routing/
 */
export function PageHeading({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null)
  const takeArrivalFocus = useArrivalFocus()
  useEffect(() => {
    if (takeArrivalFocus()) ref.current?.focus()
    // On mount only: see useArrivalFocus.
    // oxlint-disable-next-line react/exhaustive-deps
  }, [])
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  )
}
