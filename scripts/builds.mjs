// Whether a build (the UI in dist/, the server in dist-server/) is missing or older than its
// sources, and how to make it. Shared by `npm start` (scripts/start.mjs), `npm run demo` and the
// server's end-to-end fixtures, so each of them runs what the sources say.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** Each build: the file it writes last, what it reads, and `vite build`'s arguments. */
const BUILDS = {
  ui: { output: 'dist/index.html', inputs: ['src', 'public', 'index.html', 'vite.config.ts', 'package.json'], args: [] },
  server: { output: 'dist-server/main.js', inputs: ['src', 'vite.config.ts', 'package.json'], args: ['--ssr'] },
}

/** The compiled server, as `npm start` runs it. */
export const SERVER_ENTRY = path.join(ROOT, BUILDS.server.output)

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

/** 'missing' without the build's output, 'stale' when a source changed after it was built, else null. */
export function buildState(kind, root = ROOT) {
  const { output, inputs } = BUILDS[kind]
  const built = path.join(root, output)
  const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0
  if (builtAt === 0) return 'missing'
  return builtAt < newestMtime(inputs.map((name) => path.join(root, name))) ? 'stale' : null
}

/** Runs `vite build` for `kind` with the vite of this repository, under this Node. */
export function build(kind, { root = ROOT, stdio = 'inherit' } = {}) {
  // The vite binary run by this Node, so it also works where `.bin` shims differ (Windows).
  const run = spawnSync(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', ...BUILDS[kind].args], {
    cwd: root,
    stdio,
    encoding: 'utf8',
  })
  return { status: run.status, output: `${run.stdout ?? ''}${run.stderr ?? ''}` }
}

/** Builds whatever is missing or stale; the first failure's status and output, or null when all is built. */
export function buildWhatIsStale({ root = ROOT, stdio = 'inherit', say = () => {} } = {}) {
  for (const kind of ['ui', 'server']) {
    const state = buildState(kind, root)
    if (state === null) continue
    say(
      `Building the ${kind === 'ui' ? 'UI' : 'server'} (${state === 'missing' ? 'no build yet' : 'sources changed since the last build'})…`,
    )
    const result = build(kind, { root, stdio })
    if (result.status !== 0) return { kind, ...result }
  }
  return null
}
