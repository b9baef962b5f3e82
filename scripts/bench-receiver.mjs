// `npm run bench:receiver`: how many BigCommerce deliveries per second the webhook receiver
// stores (authenticated, parsed, de-duplicated, written to SQLite with synchronous=FULL), and its
// latency, each beside a bare node:http server (reads the body, answers 200) measured in the same
// run under the same load: the floor. Then it counts what reached the disk: a delivery answered
// 2xx but not stored is lost; one stored twice is duplicated. Both must be 0.
// Each server runs in its own process, built as `npm start` runs it, so autocannon does not share its event loop.
import { spawn } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'
import { apiRoutes, webhookPath } from '../src/contract/routes.ts'
import { TRIGGER_SECRET_HEADER } from '../src/contract/custom-headers.ts'
import { DEMO_FULL_ACCOUNT, DEMO_STORE_HASH } from '../src/bigcommerce/simulator/demo-store.ts'
import { startSimulatorServer } from '../src/bigcommerce/simulator/simulator-server.ts'
import { loadConfig } from '../src/server/config.ts'
import { openSqliteStorage } from '../src/server/server.ts'
import { createPostgresStorage } from '../src/server/postgres-storage.ts'
import { createTestDatabaseAt } from '../src/server/postgres-test-database.ts'
import { createTokenCipher } from '../src/server/token-cipher.ts'
import { buildWhatIsStale, ROOT as root, SERVER_ENTRY } from './builds.mjs'

const DURATION_SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 100)
const PUBLIC_URL = 'https://bench.invalid'

/** The floor: node:http reading each body and answering 200, nothing else. */
const BARE_SERVER = `
import { createServer } from 'node:http'
const server = createServer((request, response) => {
  request.on('data', () => {})
  request.on('end', () => { response.writeHead(200, { 'content-type': 'application/json' }); response.end('{"status":"stored"}') })
})
server.listen(0, '127.0.0.1', () => console.log('running at http://127.0.0.1:' + server.address().port))
`

/** Starts a server process and resolves with its URL once it says `running at …`. */
function startProcess(args, env = process.env) {
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], env })
  const url = new Promise((resolve, reject) => {
    let seen = ''
    child.once('exit', (code) => reject(new Error(`The server exited (code ${code}) before listening.`)))
    const untilListening = (chunk) => {
      seen += chunk.toString()
      const match = /running at (http:\/\/[^\s"]+)/.exec(seen)
      if (!match?.[1]) return
      resolve(match[1])
      // Keep reading afterwards, into nothing: the access log must not fill the pipe and stall
      // the server, and searching all it says would cost this process (the load) more than the
      // server's own work.
      child.stdout.off('data', untilListening)
      child.stdout.resume()
    }
    child.stdout.on('data', untilListening)
  })
  return { child, url }
}

function stopProcess(child) {
  return new Promise((resolve) => {
    child.once('exit', resolve)
    child.kill('SIGTERM')
  })
}

let sequence = 0
/** A unique delivery per request, so every one is new work rather than a cheap duplicate. */
function nextDelivery() {
  sequence += 1
  // BigCommerce's hash is a SHA-1 of the payload, so it lands anywhere in the dedupe index.
  const hash = createHash('sha1').update(String(sequence)).digest('hex')
  const body = JSON.stringify({
    scope: 'store/product/created',
    store_id: '1001234567',
    data: { type: 'product', id: 1000 + sequence },
    hash,
    created_at: Math.floor(Date.now() / 1000),
    producer: `stores/${DEMO_STORE_HASH}`,
  })
  return { hash, body }
}

/** CPU seconds a process has used so far (Linux /proc; null elsewhere). */
function cpuSecondsOf(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? []
    // utime and stime, fields 14 and 15 of stat, counted from the state field (3).
    return (Number(fields[11]) + Number(fields[12])) / 100
  } catch {
    return null
  }
}

/**
 * Posts deliveries for DURATION_SECONDS to the server process `pid`; answers the hashes each
 * 2xx acknowledged, and the server's CPU time per request (steadier than throughput on a
 * shared machine).
 */
async function load(url, pathname, headers, pid) {
  const acknowledged = []
  const cpuBefore = cpuSecondsOf(pid)
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION_SECONDS,
    requests: [
      {
        method: 'POST',
        path: pathname,
        headers: { 'Content-Type': 'application/json', ...headers },
        setupRequest: (request, context) => {
          const delivery = nextDelivery()
          context.hash = delivery.hash
          return { ...request, body: delivery.body }
        },
        onResponse: (status, _body, context) => {
          if (status >= 200 && status < 300) acknowledged.push(context.hash)
        },
      },
    ],
  })
  const cpuAfter = cpuSecondsOf(pid)
  const cpuPerRequestUs = cpuBefore === null || cpuAfter === null ? null : ((cpuAfter - cpuBefore) / result.requests.total) * 1e6
  return { result, acknowledged, cpuPerRequestUs }
}

// The server as production runs it: the build `npm start` makes.
const failed = buildWhatIsStale({ say: (line) => console.log(line) })
if (failed) throw new Error(`The ${failed.kind} build failed:\n${failed.output}`)

const bare = startProcess(['--input-type=module', '--eval', BARE_SERVER])
console.log(`Floor: a bare node:http server, ${DURATION_SECONDS} s over ${CONNECTIONS} connections…`)
const floor = await load(await bare.url, '/hooks/bench', {}, bare.child.pid)
await stopProcess(bare.child)

/**
 * One saved trigger on a fresh server (its storage chosen by `env`), loaded like the floor; then
 * what reached the database is counted, after the server has stopped.
 */
async function benchReceiver(label, env, storedHashesOf) {
  let serverUrl = ''
  const simulator = await startSimulatorServer({
    rewriteDestination: (destination) => `${serverUrl}${new URL(destination).pathname}`,
  })
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bench-receiver-'))
  const server = startProcess(
    [...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE] : []), SERVER_ENTRY],
    { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, PUBLIC_URL, BIGCOMMERCE_API_URL: simulator.url, ...env },
  )
  serverUrl = await server.url

  async function api(method, route, body) {
    const response = await fetch(`${serverUrl}${route}`, {
      method,
      headers: { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const json = await response.json()
    if (!response.ok) throw new Error(`${method} ${route} answered ${response.status}: ${JSON.stringify(json)}`)
    return json
  }

  // The same steps as a user in the UI: authorize, configure, save (which registers the hook).
  const account = await api('POST', apiRoutes.accounts, {
    connector: 'bigcommerce',
    storeHash: DEMO_STORE_HASH,
    accessToken: DEMO_FULL_ACCOUNT.accessToken,
  })
  const automation = await api('POST', apiRoutes.automations, { name: 'Receiver benchmark' })
  await api('PUT', apiRoutes.triggerDraft(automation.id), {
    draft: {
      stage: 'test',
      connector: 'bigcommerce',
      trigger: 'bigcommerce',
      accountId: account.id,
      event: 'store/product/created',
      headers: [],
    },
  })
  const saved = await api('POST', apiRoutes.triggerSave(automation.id))
  const triggerId = saved.trigger.id
  const hook = simulator.simulator
    .store(DEMO_STORE_HASH)
    ?.hooks.find((candidate) => candidate.destination === `${PUBLIC_URL}${webhookPath(triggerId)}`)
  const secret = hook?.headers?.[TRIGGER_SECRET_HEADER]
  if (!secret) throw new Error('The saved trigger registered no hook with a secret at the simulator.')

  console.log(
    `${label}: posting deliveries to ${serverUrl}${webhookPath(triggerId)} for ${DURATION_SECONDS} s over ${CONNECTIONS} connections…`,
  )
  const run = await load(serverUrl, webhookPath(triggerId), { [TRIGGER_SECRET_HEADER]: secret }, server.child.pid)
  await stopProcess(server.child)
  await simulator.close()

  const storedHashes = await storedHashesOf(dataDir, triggerId)
  rmSync(dataDir, { recursive: true, force: true })
  const stored = new Set(storedHashes)
  return {
    label,
    run,
    stored: storedHashes.length,
    lost: run.acknowledged.filter((hash) => !stored.has(hash)).length,
    duplicated: storedHashes.length - stored.size,
  }
}

const results = [
  await benchReceiver('SQLite', {}, async (dataDir, triggerId) => {
    const storage = openSqliteStorage(loadConfig({ DATA_DIR: dataDir }))
    const hashes = (await storage.listDeliveries(triggerId, Number.MAX_SAFE_INTEGER)).map((delivery) => delivery.hash)
    await storage.close()
    return hashes
  }),
]
// PostgreSQL when a server is given (`.ci/run` and scripts/postgres-test-cluster.sh start one).
const postgresUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL_TEST
if (postgresUrl) {
  const database = await createTestDatabaseAt(postgresUrl)
  const key = randomBytes(32).toString('hex')
  results.push(
    await benchReceiver('PostgreSQL', { DATABASE_URL: database.url, SECRET_KEY: key }, async (_dataDir, triggerId) => {
      const storage = await createPostgresStorage({ url: database.url, cipher: createTokenCipher(Buffer.from(key, 'hex')) })
      const hashes = (await storage.listDeliveries(triggerId, Number.MAX_SAFE_INTEGER)).map((delivery) => delivery.hash)
      await storage.close()
      return hashes
    }),
  )
  await database.drop()
} else {
  console.log('PostgreSQL: skipped (set BENCH_DATABASE_URL or DATABASE_URL_TEST to a server to bench it too).')
}

const perSecond = (run) => run.result['2xx'] / run.result.duration
const ratio = (value, floorValue) => `${(value / floorValue).toFixed(2)}×`
const cell = (text) => String(text).padStart(14)
// Each server's CPU time per request; beside the floor's, how many times it.
const cpuCell = (run, floorRun) =>
  run.cpuPerRequestUs === null
    ? 'n/a'
    : `${run.cpuPerRequestUs.toFixed(0)}${floorRun?.cpuPerRequestUs ? ` ${ratio(run.cpuPerRequestUs, floorRun.cpuPerRequestUs)}` : ''}`
console.log(`
Webhook receiver (POST /hooks/bigcommerce/{triggerId}, loopback, ${CONNECTIONS} connections, ${DURATION_SECONDS} s each),
against a bare node:http server measured in the same run
  ${''.padEnd(16)}${cell('bare node:http')}${results.map((result) => cell(result.label)).join('')}
  ${'throughput /s'.padEnd(16)}${cell(perSecond(floor).toFixed(0))}${results.map((result) => cell(`${perSecond(result.run).toFixed(0)} ${ratio(perSecond(result.run), perSecond(floor))}`)).join('')}
  ${'CPU µs/request'.padEnd(16)}${cell(cpuCell(floor))}${results.map((result) => cell(cpuCell(result.run, floor))).join('')}
  ${'latency p50 ms'.padEnd(16)}${cell(floor.result.latency.p50)}${results.map((result) => cell(`${result.run.result.latency.p50} ${ratio(result.run.result.latency.p50, floor.result.latency.p50)}`)).join('')}
  ${'latency p99 ms'.padEnd(16)}${cell(floor.result.latency.p99)}${results.map((result) => cell(`${result.run.result.latency.p99} ${ratio(result.run.result.latency.p99, floor.result.latency.p99)}`)).join('')}
  ${'non-2xx'.padEnd(16)}${cell(floor.result.non2xx)}${results.map((result) => cell(result.run.result.non2xx + result.run.result.errors)).join('')}
  ${'stored'.padEnd(16)}${cell('-')}${results.map((result) => cell(result.stored)).join('')}
  ${'lost'.padEnd(16)}${cell('-')}${results.map((result) => cell(result.lost)).join('')}
  ${'duplicated'.padEnd(16)}${cell('-')}${results.map((result) => cell(result.duplicated)).join('')}
(lost: answered 2xx but not stored; duplicated: stored more than once; stored includes those answered after the clock stopped)`)

if (results.some((result) => result.run.result.non2xx > 0 || result.run.result.errors > 0 || result.lost > 0 || result.duplicated > 0)) {
  console.error('Some deliveries failed, were lost or were stored twice.')
  process.exitCode = 1
}
