import { createContext, useContext, useState, type ReactNode } from 'react'

/**
 * Where the user is within a page (an open tab, dialog or view), kept where the page wants it:
 * the app keeps it in the URL, so a reload or Back and Forward return to it. A component that
 * has no page around it (in a unit test or a benchmark) keeps it in its own state.
 */
export type PlaceStore = {
  read: (key: string) => string | undefined
  write: (key: string, value: string | undefined) => void
}

const PlaceContext = createContext<PlaceStore | null>(null)

export function PlaceProvider({ store, children }: { store: PlaceStore; children: ReactNode }) {
  return <PlaceContext value={store}>{children}</PlaceContext>
}

/** One part of the place that names something by id (a delivery, say): any non-empty text. */
export function usePlaceText(key: string): [string | undefined, (value: string | undefined) => void] {
  const store = useContext(PlaceContext)
  const [own, setOwn] = useState<string | undefined>(undefined)
  if (!store) return [own, setOwn]
  const stored = store.read(key)
  return [stored === '' ? undefined : stored, (value) => store.write(key, value)]
}

/** One part of the place, limited to `values`; anything else (an old or edited URL) reads as unset. */
export function usePlaceState<Value extends string>(
  key: string,
  values: readonly Value[],
): [Value | undefined, (value: Value | undefined) => void] {
  const store = useContext(PlaceContext)
  const [own, setOwn] = useState<Value | undefined>(undefined)
  if (!store) return [own, setOwn]
  const stored = store.read(key)
  return [values.find((value) => value === stored), (value) => store.write(key, value)]
}
