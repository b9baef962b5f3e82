// `npm start`: builds the UI when it is missing or stale, then runs the server.
import { spawn } from 'node:child_process'
import path from 'node:path'
import { buildUi, ROOT as root, uiBuildState } from './ui-build.mjs'

const state = uiBuildState(root)
if (state !== null) {
  console.log(state === 'missing' ? 'Building the UI (dist/ is missing)…' : 'Building the UI (sources changed since the last build)…')
  const build = buildUi({ root })
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
