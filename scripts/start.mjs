// `npm start`: builds the UI when it is missing or stale, then runs the server.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const builtIndex = path.join(root, 'dist', 'index.html')

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

const inputs = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json'].map((name) => path.join(root, name))
const builtAt = existsSync(builtIndex) ? statSync(builtIndex).mtimeMs : 0
if (builtAt < newestMtime(inputs)) {
  console.log(builtAt === 0 ? 'Building the UI (dist/ is missing)…' : 'Building the UI (sources changed since the last build)…')
  // The vite binary run by this Node, so it also works where `.bin` shims differ (Windows).
  const build = spawnSync(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], {
    cwd: root,
    stdio: 'inherit',
  })
  if (build.status !== 0) {
    console.error('The UI build failed; the server was not started.')
    process.exit(build.status ?? 1)
  }
}

// `--import tsx` rather than the tsx CLI: the CLI runs the app in a second child process, and one
// process means signals reach the server's own shutdown handler directly.
const server = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src', 'server', 'main.ts')], {
  cwd: root,
  stdio: 'inherit',
  env: process.env,
})

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    // The server shuts down gracefully on its own signal; we wait for it to exit below.
    if (server.exitCode === null) server.kill(signal)
  })
}

server.on('exit', (code, signal) => {
  process.exit(code ?? (signal === 'SIGINT' || signal === 'SIGTERM' ? 0 : 1))
})
