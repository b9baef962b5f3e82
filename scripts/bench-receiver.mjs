// `npm run bench:receiver`: how many BigCommerce deliveries per second the webhook receiver
// stores (authenticated, parsed, de-duplicated, written to SQLite with synchronous=FULL), and its
// latency, each beside a bare node:http server (reads the body, answers 200) measured in the same
// run under the same load: the floor. Then it counts what reached the disk: a delivery answered
// 2xx but not stored is lost; one stored twice is duplicated. Both must be 0.
// Each server runs in its own process, built as `npm start` runs it, so autocannon does not share its event loop.
// This machine's speed drifts by a third within a minute (other tenants), so the servers are
// loaded in turns, round after round, and each ratio is taken against the floor's run of the
// same round: the median over the rounds is printed, with the lowest and highest.
import { spawn } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
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

const DURATION_SECONDS = Number(process.env.BENCH_SECONDS ?? 5)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
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

/**
 * Starts a server process and resolves with its URL once its log says `running at …`. The log
 * goes to a file, as it would under a process manager, not to a pipe into this process: reading
 * every access-log line here cost the load generator, which shares the machine's cores with the
 * server, about 20 % more CPU per request than the floor's run.
 */
function startProcess(args, env = process.env) {
  const logDir = mkdtempSync(path.join(tmpdir(), 'bench-log-'))
  const logFile = path.join(logDir, 'stdout.log')
  const log = openSync(logFile, 'w')
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', log, 'inherit'], env })
  closeSync(log)
  child.once('exit', () => rmSync(logDir, { recursive: true, force: true }))
  const url = new Promise((resolve, reject) => {
    let exited = false
    child.once('exit', (code) => {
      exited = true
      reject(new Error(`The server exited (code ${code}) before listening.`))
    })
    const poll = () => {
      if (exited) return
      const match = /running at (http:\/\/[^\s"]+)/.exec(readFileSync(logFile, 'utf8'))
      if (match?.[1]) resolve(match[1])
      else setTimeout(poll, 20)
    }
    poll()
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

/** CPU seconds a process, or one thread of it (`/proc/{pid}/task/{tid}`), has used so far (Linux /proc; null elsewhere). */
function cpuSecondsOf(pid, tid) {
  try {
    const stat = readFileSync(tid === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${tid}/stat`, 'utf8')
    const fields = stat.split(') ')[1]?.split(' ') ?? []
    // utime and stime, fields 14 and 15 of stat, counted from the state field (3).
    return (Number(fields[11]) + Number(fields[12])) / 100
  } catch {
    return null
  }
}

/**
 * CPU seconds used so far by each PostgreSQL server process on this machine, by pid: they share
 * its cores with the server under test and the load, so a delivery's cost there counts too.
 * Empty when there is none, as for a database on another machine.
 */
function databaseCpuSeconds() {
  const used = new Map()
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== 'postgres') continue
    } catch {
      continue
    }
    const seconds = cpuSecondsOf(entry)
    if (seconds !== null) used.set(entry, seconds)
  }
  return used
}

/** What the database processes used between two readings; a backend that started meanwhile counts from 0, one that ended is missed. */
function databaseCpuUsed(before, after) {
  if (after.size === 0) return null
  let total = 0
  for (const [pid, seconds] of after) total += seconds - (before.get(pid) ?? 0)
  return total
}

/**
 * Posts deliveries for DURATION_SECONDS to a server under test; answers the hashes each 2xx
 * acknowledged, and the server's CPU time per request (steadier than throughput on a shared
 * machine).
 */
async function load({ url, pathname, headers, pid, usesDatabase }) {
  const acknowledged = []
  const databaseBefore = usesDatabase ? databaseCpuSeconds() : null
  const cpuBefore = cpuSecondsOf(pid)
  // The main thread's share apart: the event loop that answers every request (its id is the process's).
  const mainBefore = cpuSecondsOf(pid, pid)
  // The load generator's own share of the two cores: autocannon runs in this process.
  const loadBefore = process.cpuUsage()
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
  const mainAfter = cpuSecondsOf(pid, pid)
  const loadUsed = process.cpuUsage(loadBefore)
  const databaseUsed = databaseBefore === null ? null : databaseCpuUsed(databaseBefore, databaseCpuSeconds())
  const perRequestUs = (before, after) => (before === null || after === null ? null : ((after - before) / result.requests.total) * 1e6)
  const loadSeconds = (loadUsed.user + loadUsed.system) / 1e6
  return {
    result,
    acknowledged,
    cpuPerRequestUs: perRequestUs(cpuBefore, cpuAfter),
    mainThreadPerRequestUs: perRequestUs(mainBefore, mainAfter),
    databasePerRequestUs: databaseUsed === null ? null : (databaseUsed / result.requests.total) * 1e6,
    loadPerRequestUs: (loadSeconds / result.requests.total) * 1e6,
    // Server, database and load together: how much of the machine the run kept busy.
    coresBusy:
      cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore + (databaseUsed ?? 0) + loadSeconds) / result.duration,
  }
}

// The server as production runs it: the build `npm start` makes.
const failed = buildWhatIsStale({ say: (line) => console.log(line) })
if (failed) throw new Error(`The ${failed.kind} build failed:\n${failed.output}`)

/** The floor as a server under test; it stores nothing, so there is nothing to count afterwards. */
async function startFloor() {
  const bare = startProcess(['--input-type=module', '--eval', BARE_SERVER])
  return {
    label: 'bare node:http',
    url: await bare.url,
    pathname: '/hooks/bench',
    headers: {},
    pid: bare.child.pid,
    finish: async () => {
      await stopProcess(bare.child)
      return null
    },
  }
}

/**
 * One saved trigger on a fresh server (its storage chosen by `env`), ready to be loaded like the
 * floor; `finish` stops it and answers the hashes that reached the database.
 */
async function startReceiver(label, env, storedHashesOf) {
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

  return {
    label,
    url: serverUrl,
    pathname: webhookPath(triggerId),
    headers: { [TRIGGER_SECRET_HEADER]: secret },
    pid: server.child.pid,
    usesDatabase: env.DATABASE_URL !== undefined,
    finish: async () => {
      await stopProcess(server.child)
      await simulator.close()
      const hashes = await storedHashesOf(dataDir, triggerId)
      rmSync(dataDir, { recursive: true, force: true })
      return hashes
    },
  }
}

const targets = [
  await startFloor(),
  await startReceiver('SQLite', {}, async (dataDir, triggerId) => {
    const storage = openSqliteStorage(loadConfig({ DATA_DIR: dataDir }))
    const hashes = (await storage.listDeliveries(triggerId, Number.MAX_SAFE_INTEGER)).map((delivery) => delivery.hash)
    await storage.close()
    return hashes
  }),
]
// PostgreSQL when a server is given (`.ci/run` and scripts/postgres-test-cluster.sh start one).
const postgresUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL_TEST
const database = postgresUrl ? await createTestDatabaseAt(postgresUrl) : null
if (database) {
  const key = randomBytes(32).toString('hex')
  targets.push(
    await startReceiver('PostgreSQL', { DATABASE_URL: database.url, SECRET_KEY: key }, async (_dataDir, triggerId) => {
      const storage = await createPostgresStorage({ url: database.url, cipher: createTokenCipher(Buffer.from(key, 'hex')) })
      const hashes = (await storage.listDeliveries(triggerId, Number.MAX_SAFE_INTEGER)).map((delivery) => delivery.hash)
      await storage.close()
      return hashes
    }),
  )
} else {
  console.log('PostgreSQL: skipped (set BENCH_DATABASE_URL or DATABASE_URL_TEST to a server to bench it too).')
}

// Each round loads every server once, each round starting one further along, so none is always first.
const runs = targets.map(() => [])
for (let round = 0; round < ROUNDS; round += 1) {
  for (let turn = 0; turn < targets.length; turn += 1) {
    const index = (round + turn) % targets.length
    const target = targets[index]
    console.log(`Round ${round + 1}/${ROUNDS}: ${target.label}, ${DURATION_SECONDS} s over ${CONNECTIONS} connections…`)
    runs[index].push(await load(target))
  }
}
const results = []
for (const [index, target] of targets.entries()) {
  const storedHashes = await target.finish()
  const acknowledged = runs[index].flatMap((run) => run.acknowledged)
  const stored = storedHashes === null ? null : new Set(storedHashes)
  results.push({
    label: target.label,
    runs: runs[index],
    stored: storedHashes?.length ?? null,
    lost: stored === null ? null : acknowledged.filter((hash) => !stored.has(hash)).length,
    duplicated: stored === null ? null : storedHashes.length - stored.size,
  })
}
await database?.drop()

const [floor, ...receivers] = results
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}
const perSecond = (run) => run.result['2xx'] / run.result.duration
/** A figure over the rounds: the median, and beside it the median of its ratio to the floor's figure of the same round, with the range. */
function summary(result, figure, digits = 0) {
  const values = result.runs.map(figure).filter((value) => value !== null)
  if (values.length === 0) return 'n/a'
  const text = median(values).toFixed(digits)
  if (result === floor) return text
  const ratios = result.runs.map((run, round) => {
    const floorValue = figure(floor.runs[round])
    return floorValue ? figure(run) / floorValue : null
  })
  const known = ratios.filter((ratio) => ratio !== null)
  if (known.length === 0) return text
  return `${text} ${median(known).toFixed(2)}× (${Math.min(...known).toFixed(2)}–${Math.max(...known).toFixed(2)})`
}
const sum = (result, figure) => result.runs.reduce((total, run) => total + figure(run), 0)
const cell = (text) => String(text).padStart(26)
const row = (name, texts) => `  ${name.padEnd(16)}${texts.map(cell).join('')}`
const counted = (value) => (value === null ? '-' : value)
console.log(`
Webhook receiver (POST /hooks/bigcommerce/{triggerId}, loopback, ${CONNECTIONS} connections), ${ROUNDS} rounds of ${DURATION_SECONDS} s
each, against a bare node:http server loaded in turn with it: each figure is the median over the rounds, then the median
of its ratio to the floor's in the same round (lowest–highest)
${row(
  '',
  results.map((result) => result.label),
)}
${row(
  'throughput /s',
  results.map((result) => summary(result, perSecond)),
)}
${row(
  'CPU µs/request',
  results.map((result) => summary(result, (run) => run.cpuPerRequestUs)),
)}
${row(
  '  main thread',
  results.map((result) => summary(result, (run) => run.mainThreadPerRequestUs)),
)}
${row(
  'database µs/req',
  results.map((result) => summary(result, (run) => run.databasePerRequestUs)),
)}
${row(
  'load gen µs/req',
  results.map((result) => summary(result, (run) => run.loadPerRequestUs)),
)}
${row(
  `cores busy of ${availableParallelism()}`,
  results.map((result) => summary(result, (run) => run.coresBusy, 2)),
)}
${row(
  'latency mean ms',
  results.map((result) => summary(result, (run) => run.result.latency.average, 1)),
)}
${row(
  'latency p50 ms',
  results.map((result) => summary(result, (run) => run.result.latency.p50)),
)}
${row(
  'latency p99 ms',
  results.map((result) => summary(result, (run) => run.result.latency.p99)),
)}
${row(
  'latency max ms',
  results.map((result) => summary(result, (run) => run.result.latency.max)),
)}
${row(
  'non-2xx',
  results.map((result) => sum(result, (run) => run.result.non2xx + run.result.errors)),
)}
${row(
  'stored',
  results.map((result) => counted(result.stored)),
)}
${row(
  'lost',
  results.map((result) => counted(result.lost)),
)}
${row(
  'duplicated',
  results.map((result) => counted(result.duplicated)),
)}
(database: the CPU of this machine's PostgreSQL processes; cores busy: CPU seconds a second of server, database and load generator
together, which share the machine's cores; lost: answered 2xx but not stored; duplicated: stored more than once; stored
includes those answered after the clock stopped; latency mean: each connection sends again only once answered, so for any
server it is the connections over the throughput (Little's law); BENCH_CONNECTIONS=10 shows a server that is not saturated)`)

if (
  receivers.some((result) => sum(result, (run) => run.result.non2xx + run.result.errors) > 0 || result.lost > 0 || result.duplicated > 0)
) {
  console.error('Some deliveries failed, were lost or were stored twice.')
  process.exitCode = 1
}
