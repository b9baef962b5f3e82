// Whether the built UI (dist/) is missing or older than its sources, and how to rebuild it.
// Shared by `npm start` (scripts/start.mjs) and the server's end-to-end fixtures.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** What the UI build reads: a change to any of these makes dist/ stale. */
const INPUTS = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json']

/** Newest modification time under the given files and folders (0 when none exist). */
function newestMtime(entries) {
  let newest = 0
  for (const entry of entries) {
    if (!existsSync(entry)) continue
    const stats = statSync(entry)
    if (stats.isDirectory()) {
      newest = Math.max(newest, newestMtime(readdirSync(entry).map((name) => path.join(entry, name))))
    } else {
      newest = Math.max(newest, stats.mtimeMs)
    }
  }
  return newest
}

/** 'missing' without dist/index.html, 'stale' when a source changed after it was built, else null. */
export function uiBuildState(root = ROOT) {
  const builtIndex = path.join(root, 'dist', 'index.html')
  const builtAt = existsSync(builtIndex) ? statSync(builtIndex).mtimeMs : 0
  if (builtAt === 0) return 'missing'
  return builtAt < newestMtime(INPUTS.map((name) => path.join(root, name))) ? 'stale' : null
}

/** Runs `vite build` into dist/ with the vite of this repository, under this Node. */
export function buildUi({ root = ROOT, stdio = 'inherit' } = {}) {
  // The vite binary run by this Node, so it also works where `.bin` shims differ (Windows).
  const build = spawnSync(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], {
    cwd: root,
    stdio,
    encoding: 'utf8',
  })
  return { status: build.status, output: `${build.stdout ?? ''}${build.stderr ?? ''}` }
}
