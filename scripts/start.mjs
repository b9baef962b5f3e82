// `npm start`: builds the UI and the server when missing or stale, then runs the compiled server.
// Production needs only `dependencies`: after `npm run build`, `npm ci --omit=dev && npm start`.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { buildWhatIsStale, ROOT as root, SERVER_ENTRY } from './builds.mjs'

// Without vite (a production install), what is built is what runs.
if (existsSync(path.join(root, 'node_modules', 'vite'))) {
  const failed = buildWhatIsStale({ root, say: (line) => console.log(line) })
  if (failed) {
    console.error(`The ${failed.kind} build failed; the server was not started.`)
    process.exit(failed.status ?? 1)
  }
} else if (!existsSync(SERVER_ENTRY)) {
  console.error('There is no build to run, and no vite to make one: run `npm install && npm run build` first.')
  process.exit(1)
}

// One process, so signals reach the server's own shutdown handler directly.
const server = spawn(process.execPath, ['--enable-source-maps', SERVER_ENTRY], { cwd: root, stdio: 'inherit', env: process.env })

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    // The server shuts down gracefully on its own signal; we wait for it to exit below.
    if (server.exitCode === null) server.kill(signal)
  })
}

server.on('exit', (code, signal) => {
  process.exit(code ?? (signal === 'SIGINT' || signal === 'SIGTERM' ? 0 : 1))
})
