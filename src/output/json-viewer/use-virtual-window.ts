import { useCallback, useLayoutEffect, useRef, useState, type UIEvent } from 'react'

// Rows drawn above and below the viewport so fast scrolling rarely shows a blank gap.
const overscan = 12
// Used until the container is measured, and in jsdom, which has no layout.
const fallbackViewportHeight = 480

/**
 * Windowing for a list of fixed-height rows: only the rows in view (plus overscan) are rendered,
 * inside a spacer as tall as the whole list, so the DOM stays small however long the list is.
 */
export function useVirtualWindow<T extends HTMLElement>(count: number, rowHeight: number) {
  const scrollRef = useRef<T>(null)
  const [scrollTop, setScrollTop] = useState(0)
  const [viewportHeight, setViewportHeight] = useState(fallbackViewportHeight)

  useLayoutEffect(() => {
    const element = scrollRef.current
    if (!element) return
    const measure = () => setViewportHeight(element.clientHeight || fallbackViewportHeight)
    measure()
    if (typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver(measure)
    observer.observe(element)
    return () => observer.disconnect()
  }, [])

  const onScroll = useCallback((event: UIEvent<HTMLElement>) => setScrollTop(event.currentTarget.scrollTop), [])

  /** Scrolls just enough to show row `index`, as keyboard focus moves. */
  const scrollToIndex = useCallback(
    (index: number) => {
      const element = scrollRef.current
      if (!element) return
      const height = element.clientHeight || fallbackViewportHeight
      const top = index * rowHeight
      let next = element.scrollTop
      if (top < next) next = top
      else if (top + rowHeight > next + height) next = top + rowHeight - height
      if (next === element.scrollTop) return
      element.scrollTop = next
      // jsdom fires no scroll event, and a real browser fires it a frame late: render the new window now.
      setScrollTop(next)
    },
    [rowHeight],
  )

  const start = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan)
  const end = Math.min(count, Math.ceil((scrollTop + viewportHeight) / rowHeight) + overscan)
  return { scrollRef, onScroll, start, end, totalHeight: count * rowHeight, scrollToIndex }
}
