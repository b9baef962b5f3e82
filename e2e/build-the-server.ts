import { buildWhatIsStale, ROOT } from '../scripts/builds.mjs'

/**
 * Playwright's global setup: the server's tests run it as production does, compiled, serving
 * dist/. It is built here, once and before any worker starts, when missing or older than its
 * sources: built by each worker instead, two workers could write the same folders at once.
 */
export default function buildTheServer(): void {
  const failed = buildWhatIsStale({ root: ROOT, stdio: 'pipe' })
  if (failed) throw new Error(`The ${failed.kind} build failed:\n${failed.output}`)
}
