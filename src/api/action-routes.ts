import { Hono } from 'hono'
import {
  actionStepStateSchema,
  actionStepStatesSchema,
  setActiveRequestSchema,
  signingSecretSchema,
  testActionRequestSchema,
  testActionResultSchema,
} from '../contract/action-api'
import { automationSchema } from '../contract/automations'
import { apiPaths } from '../contract/routes'
import {
  retryFailedRequestSchema,
  retryFailedResponseSchema,
  retryRunRequestSchema,
  runDetailSchema,
  runNowRequestSchema,
  runNowResponseSchema,
  runPageSchema,
  runQuerySchema,
  runSummarySchema,
} from '../contract/runs'
import type { TriggerService } from '../core/trigger-service'
import { parseBody, parseQuery, respond } from './request-body'

/** Activate Automation, Configure Action Step (Test Action, signing secrets, Resume) and the Execution Log. */
export function actionRoutes(service: TriggerService): Hono {
  return new Hono()
    .put(apiPaths.automationActive, async (c) => {
      const { active } = await parseBody(c, setActiveRequestSchema)
      return respond(automationSchema, await service.setAutomationActive({ automationId: c.req.param('automationId'), active }))
    })
    .get(apiPaths.actionSteps, async (c) =>
      respond(actionStepStatesSchema, await service.getActionStepStates({ automationId: c.req.param('automationId') })),
    )
    .post(apiPaths.actionTest, async (c) => {
      const input = await parseBody(c, testActionRequestSchema)
      return respond(testActionResultSchema, await service.testAction({ automationId: c.req.param('automationId'), ...input }))
    })
    .post(apiPaths.signingSecret, async (c) =>
      respond(
        signingSecretSchema,
        await service.createSigningSecret({ automationId: c.req.param('automationId'), stepId: c.req.param('stepId') }),
        201,
      ),
    )
    .post(apiPaths.stepResume, async (c) =>
      respond(
        actionStepStateSchema,
        await service.resumeStep({ automationId: c.req.param('automationId'), stepId: c.req.param('stepId') }),
      ),
    )
    .get(apiPaths.runs, async (c) => {
      const query = parseQuery(c, runQuerySchema)
      return respond(runPageSchema, await service.listRuns({ automationId: c.req.param('automationId'), ...query }))
    })
    .post(apiPaths.runs, async (c) => {
      const { deliveryIds } = await parseBody(c, runNowRequestSchema)
      return respond(runNowResponseSchema, await service.runDeliveries({ automationId: c.req.param('automationId'), deliveryIds }), 201)
    })
    .post(apiPaths.runsRetryFailed, async (c) => {
      const input = await parseBody(c, retryFailedRequestSchema)
      return respond(retryFailedResponseSchema, await service.retryFailedRuns({ automationId: c.req.param('automationId'), ...input }))
    })
    .get(apiPaths.run, async (c) =>
      respond(runDetailSchema, await service.getRun({ automationId: c.req.param('automationId'), runId: c.req.param('runId') })),
    )
    .post(apiPaths.runRetry, async (c) => {
      const { from } = await parseBody(c, retryRunRequestSchema)
      return respond(
        runSummarySchema,
        await service.retryRun({ automationId: c.req.param('automationId'), runId: c.req.param('runId'), from }),
      )
    })
    .post(apiPaths.runCancel, async (c) =>
      respond(runSummarySchema, await service.cancelRun({ automationId: c.req.param('automationId'), runId: c.req.param('runId') })),
    )
}
