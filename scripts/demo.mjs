// `npm run demo`: the real server against the BigCommerce simulator, on this machine only.
// Run with `node --import tsx` so the simulator's TypeScript seed can be read for the banner.
import { spawn } from 'node:child_process'
import { DEMO_STORE } from '../src/bigcommerce/simulator/demo-store.ts'
import { DEMO_BIN_NAME } from '../src/bigcommerce/simulator/request-bin.ts'
import { ROOT as root } from './builds.mjs'

const serverPort = Number(process.env.PORT ?? 8080)
const simulatorPort = Number(process.env.SIMULATOR_PORT ?? 8081)
const serverUrl = `http://127.0.0.1:${serverPort}`
const simulatorUrl = `http://127.0.0.1:${simulatorPort}`
// Any https host works: the simulator sends deliveries for https://<host>/hooks/… to the server,
// as an ngrok tunnel would. `.invalid` makes clear that nothing else can reach it.
const publicUrl = 'https://demo.invalid'
// The simulator's request bin, a destination for HTTP Request steps; on loopback, which the
// server allows only because ALLOW_PRIVATE_DESTINATIONS says so below.
const binUrl = `${simulatorUrl}/bin/${DEMO_BIN_NAME}`

const children = []

function start(name, args, env) {
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } })
  // Prefixed, so the two logs can be told apart in one terminal.
  for (const stream of [child.stdout, child.stderr]) {
    let partial = ''
    stream.on('data', (chunk) => {
      const lines = (partial + chunk.toString()).split('\n')
      partial = lines.pop() ?? ''
      for (const line of lines) console.log(`[${name}] ${line}`)
    })
  }
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`[${name}] stopped unexpectedly (${signal ?? `exit code ${code}`}); stopping the demo.`)
      stop(1)
    }
  })
  children.push(child)
  return child
}

async function waitFor(url, name) {
  const deadline = Date.now() + 120_000
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url)
      await response.body?.cancel()
      return
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
  }
  throw new Error(`${name} did not start within two minutes.`)
}

let stopping = false
function stop(code = 0) {
  if (stopping) return
  stopping = true
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM')
  Promise.all(children.map((child) => (child.exitCode === null ? new Promise((resolve) => child.once('exit', resolve)) : null))).then(() =>
    process.exit(code),
  )
}
process.on('SIGINT', () => stop(0))
process.on('SIGTERM', () => stop(0))

start('simulator', ['--import', 'tsx', 'src/bigcommerce/simulator/main.ts'], {
  SIMULATOR_PORT: String(simulatorPort),
  SIMULATOR_HOST: '127.0.0.1',
  DELIVERY_BASE: serverUrl,
})
// Through start.mjs, so the UI is built first when it is missing or stale.
start('server', ['scripts/start.mjs'], {
  PORT: String(serverPort),
  HOST: '127.0.0.1',
  DATA_DIR: process.env.DATA_DIR ?? './data/demo',
  PUBLIC_URL: publicUrl,
  BIGCOMMERCE_API_URL: simulatorUrl,
  ALLOW_PRIVATE_DESTINATIONS: 'true',
})

try {
  await Promise.all([waitFor(`${simulatorUrl}/`, 'The simulator'), waitFor(`${serverUrl}/api/info`, 'The server')])
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  stop(1)
}

if (!stopping) {
  const accounts = DEMO_STORE.accounts.map((account) => `    Access Token  ${account.accessToken}   (${account.name})`).join('\n')
  console.log(`
────────────────────────────────────────────────────────────────────────────
 BigCommerce Trigger demo

 Open ${serverUrl} and add a BigCommerce account with:
    Store Hash    ${DEMO_STORE.hash}
${accounts}

 The simulated store (its control page creates records): ${simulatorUrl}/
 Create a product from another terminal:   npm run demo:product
 An HTTP Request step can send to the request bin:  ${binUrl}
 What the bin received (make it fail or be slow):  ${simulatorUrl}/bin
 Deliveries for ${publicUrl}/hooks/… go to ${serverUrl}/hooks/…
 Data is kept in ${process.env.DATA_DIR ?? './data/demo'}. Stop with Ctrl+C.
────────────────────────────────────────────────────────────────────────────
`)
}
