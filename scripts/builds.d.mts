export type BuildKind = 'ui' | 'server'
export type BuildState = 'missing' | 'stale' | null
export declare const ROOT: string
export declare const SERVER_ENTRY: string
export declare function buildState(kind: BuildKind, root?: string): BuildState
export declare function build(
  kind: BuildKind,
  options?: { root?: string; stdio?: 'inherit' | 'pipe' },
): { status: number | null; output: string }
export declare function buildWhatIsStale(options?: {
  root?: string
  stdio?: 'inherit' | 'pipe'
  say?: (line: string) => void
}): { kind: BuildKind; status: number | null; output: string } | null
