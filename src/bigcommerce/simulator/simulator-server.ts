import { serve } from '@hono/node-server'
import type { AddressInfo } from 'node:net'
import { createSimulator, type Simulator, type SimulatorOptions } from './simulator'

export type SimulatorServer = {
  /** e.g. `http://127.0.0.1:8081`; use it as the client's `apiUrl`. */
  url: string
  simulator: Simulator
  close(): Promise<void>
}

/**
 * A `rewriteDestination` that plays the https tunnel: a hook destination `https://<host>/hooks/…`
 * is delivered to `${base}/hooks/…` (the local receiver); any other destination is left alone.
 * `base` has no trailing slash, e.g. `http://127.0.0.1:8080`.
 */
export function tunnelHooksTo(base: string): (destination: string) => string {
  return (destination) => {
    const url = new URL(destination)
    return url.pathname.startsWith('/hooks/') ? `${base}${url.pathname}${url.search}` : destination
  }
}

/** The simulator over real HTTP, for server and end-to-end tests. Port 0 picks a free port. */
export async function startSimulatorServer(options: SimulatorOptions & { port?: number; host?: string } = {}): Promise<SimulatorServer> {
  const { port = 0, host = '127.0.0.1', ...simulatorOptions } = options
  const simulator = createSimulator(simulatorOptions)
  return new Promise((resolve, reject) => {
    const server = serve(
      // Keep Node's own Request/Response globals: tests share the process with the client.
      { fetch: simulator.app.fetch, port, hostname: host, overrideGlobalObjects: false },
      (info: AddressInfo) => {
        resolve({
          url: `http://${host.includes(':') ? `[${host}]` : host}:${info.port}`,
          simulator,
          close: () =>
            new Promise<void>((done, fail) => {
              server.close((error) => (error ? fail(error) : done()))
              if ('closeAllConnections' in server) server.closeAllConnections()
            }),
        })
      },
    )
    server.once('error', reject)
  })
}
