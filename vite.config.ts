import { rm } from 'node:fs/promises'
import path from 'node:path'
import { defineConfig, type Plugin } from 'vitest/config'
import react from '@vitejs/plugin-react'

/** The msw worker belongs to the in-browser demo only; keep it out of the build the server serves. */
function dropMswWorker(): Plugin {
  let outDir = 'dist'
  return {
    name: 'drop-msw-worker',
    apply: (_config, env) => env.command === 'build' && env.mode !== 'mock',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir)
    },
    async closeBundle() {
      await rm(path.join(outDir, 'mockServiceWorker.js'), { force: true })
    },
  }
}

export default defineConfig({
  plugins: [react(), dropMswWorker()],
  server: { port: 5173 },
  preview: { port: 4173, strictPort: true },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    // Generous: these machines are shared, and a slow run must not fail a correct test.
    testTimeout: 15_000,
  },
})
