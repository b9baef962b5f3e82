export declare const ROOT: string
export type UiBuildState = 'missing' | 'stale' | null
export declare function uiBuildState(root?: string): UiBuildState
export declare function buildUi(options?: { root?: string; stdio?: 'inherit' | 'pipe' }): { status: number | null; output: string }
