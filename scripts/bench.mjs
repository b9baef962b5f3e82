// `npm run bench`: every benchmark prints numbers; none asserts on time (these machines are noisy).
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const benches = ['scripts/bench-bundle.mjs', 'scripts/bench-receiver.mjs', 'scripts/bench-viewer.mjs']
for (const script of benches.filter((file) => existsSync(file))) {
  console.log(`\n== ${script}`)
  execFileSync('node', ['--import', 'tsx', script], { stdio: 'inherit' })
}
