import { createRunEngine, DEFAULT_RUN_ENGINE_CONFIG, type RunEngine } from './actions/run-engine'
import { DEFAULT_RETRY_SCHEDULE, parseRetrySchedule } from './actions/retry-schedule'
import { createStepRunner } from './actions/step-runner'
import { OutboundError, type OutboundHttp } from './actions/outbound'
import { keepsRuns, type CoreConfig, type Storage, type StorePlatform } from './ports'
import { accountUseCases } from './service/accounts'
import { actionStepUseCases } from './service/action-steps'
import { automationUseCases } from './service/automations'
import { createServiceContext } from './service/context'
import { deliveryIntakeUseCases } from './service/delivery-intake'
import { deliveryLogUseCases } from './service/delivery-log'
import { executionLogUseCases } from './service/execution-log'
import { listenUseCases } from './service/listen'
import { triggerHealthUseCases } from './service/trigger-health'
import { triggerLifecycleUseCases } from './service/trigger-lifecycle'
import { triggerTestUseCases } from './service/trigger-test'
import { triggerVersionUseCases } from './service/trigger-versions'

export type { DeliveryInput, DeliveryOutcome } from './service/delivery-intake'
export { timeOrderedId } from './service/context'
export { REFUSAL_WRITTEN_EVERY_MS } from './service/trigger-health'

/** Without a way out (a test that sends nothing), an HTTP Request step fails as unreachable. */
const NO_OUTBOUND: OutboundHttp = {
  send: () => Promise.reject(new OutboundError('network', 'This server has no way to send requests.')),
}

const IDLE_RUNNER: RunEngine = { start: () => undefined, wake: () => undefined, stop: async () => undefined, drain: async () => undefined }

/**
 * The service: every use case of `core/service/`, over one context (the ports, the settings,
 * the clock). Its methods match `TriggerBackend` (which core may not import), so the service
 * itself can stand in as a backend; `api-app.test.ts` checks that at compile time. Beside them,
 * what the webhook receiver and the schedules call, and `runner`, the worker that runs each
 * stored delivery's action steps (started by whoever hosts the service).
 */
export function createTriggerService({
  storage,
  platform,
  config,
  outbound = NO_OUTBOUND,
}: {
  storage: Storage
  platform: StorePlatform
  config: CoreConfig
  /** How HTTP Request steps reach their destination: the server's refuses private addresses. */
  outbound?: OutboundHttp
}) {
  const context = createServiceContext({ storage, platform, config })
  const runConfig = { ...DEFAULT_RUN_ENGINE_CONFIG, retrySchedule: parseRetrySchedule(DEFAULT_RETRY_SCHEDULE), ...config.runs }
  // On a storage that keeps no runs nothing is ever due: the worker stays idle.
  const runner = keepsRuns(storage)
    ? createRunEngine({
        storage,
        platform,
        outbound,
        config: runConfig,
        now: context.now,
        randomId: context.randomId,
        holder: `worker-${context.randomId()}`,
      })
    : IDLE_RUNNER
  const stepRunner = createStepRunner({
    storage: context.storage,
    platform,
    outbound,
    now: context.now,
    httpTimeoutMs: runConfig.httpTimeoutMs,
  })
  return {
    ...automationUseCases(context),
    ...accountUseCases(context),
    ...triggerLifecycleUseCases(context),
    ...triggerTestUseCases(context),
    ...triggerVersionUseCases(context),
    ...triggerHealthUseCases(context),
    ...deliveryLogUseCases(context),
    ...listenUseCases(context),
    ...deliveryIntakeUseCases(context, () => runner.wake()),
    ...actionStepUseCases(context, stepRunner),
    ...executionLogUseCases(context, () => runner.wake()),
    runner,
  }
}

export type TriggerService = ReturnType<typeof createTriggerService>
