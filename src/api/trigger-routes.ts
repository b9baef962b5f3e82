import { Hono } from 'hono'
import { automationSchema, updateDraftRequestSchema } from '../contract/automations'
import { deliveryQuerySchema, listTriggerDeliveriesResponseSchema, triggerDeliverySchema } from '../contract/deliveries'
import { savedTriggerSchema } from '../contract/trigger-config'
import { triggerHealthSchema } from '../contract/trigger-health'
import { fetchTriggerResourceRequestSchema, triggerResourceSchema, triggerTestSchema } from '../contract/trigger-test'
import {
  listTriggerVersionsQuerySchema,
  listTriggerVersionsResponseSchema,
  triggerDiffQuerySchema,
  triggerVersionParamsSchema,
  triggerVersionsDiffSchema,
} from '../contract/versions'
import { apiPaths } from '../contract/routes'
import type { TriggerService } from '../core/trigger-service'
import { parseInput } from '../core/validation-error'
import { parseBody, parseQuery, respond } from './request-body'

/** A trigger: its draft, Test Trigger, Save and Exit, Revert Changes, versions, health, deliveries. */
export function triggerRoutes(service: TriggerService): Hono {
  const version = (param: string | undefined) => parseInput(triggerVersionParamsSchema, { version: param }).version
  return new Hono()
    .put(apiPaths.triggerDraft, async (c) => {
      const { draft } = await parseBody(c, updateDraftRequestSchema)
      return respond(automationSchema, await service.updateTriggerDraft({ automationId: c.req.param('automationId'), draft }))
    })
    .post(apiPaths.triggerTest, async (c) =>
      respond(triggerTestSchema, await service.testTrigger({ automationId: c.req.param('automationId') })),
    )
    .post(apiPaths.triggerSave, async (c) =>
      respond(automationSchema, await service.saveTrigger({ automationId: c.req.param('automationId') })),
    )
    .post(apiPaths.triggerRevert, async (c) =>
      respond(automationSchema, await service.revertTrigger({ automationId: c.req.param('automationId') })),
    )
    .get(apiPaths.triggerVersions, async (c) => {
      const { before } = parseQuery(c, listTriggerVersionsQuerySchema)
      return respond(
        listTriggerVersionsResponseSchema,
        await service.listTriggerVersions({ automationId: c.req.param('automationId'), before }),
      )
    })
    .get(apiPaths.triggerVersion, async (c) =>
      respond(
        savedTriggerSchema,
        await service.getTriggerVersion({ automationId: c.req.param('automationId'), version: version(c.req.param('version')) }),
      ),
    )
    .post(apiPaths.triggerVersionRestore, async (c) =>
      respond(
        automationSchema,
        await service.restoreTriggerVersion({ automationId: c.req.param('automationId'), version: version(c.req.param('version')) }),
      ),
    )
    .get(apiPaths.triggerDiff, async (c) => {
      const { from, to } = parseQuery(c, triggerDiffQuerySchema)
      return respond(triggerVersionsDiffSchema, await service.diffTriggerVersions({ automationId: c.req.param('automationId'), from, to }))
    })
    .get(apiPaths.triggerHealth, async (c) =>
      respond(triggerHealthSchema, await service.getTriggerHealth({ automationId: c.req.param('automationId') })),
    )
    .post(apiPaths.triggerReconcile, async (c) =>
      respond(triggerHealthSchema, await service.reconcileTrigger({ automationId: c.req.param('automationId') })),
    )
    .get(apiPaths.triggerDeliveries, async (c) => {
      const query = parseQuery(c, deliveryQuerySchema)
      return respond(
        listTriggerDeliveriesResponseSchema,
        await service.listTriggerDeliveries({ automationId: c.req.param('automationId'), ...query }),
      )
    })
    .get(apiPaths.triggerDelivery, async (c) =>
      respond(
        triggerDeliverySchema,
        await service.getTriggerDelivery({ automationId: c.req.param('automationId'), deliveryId: c.req.param('deliveryId') }),
      ),
    )
    .post(apiPaths.triggerResource, async (c) => {
      const { payload } = await parseBody(c, fetchTriggerResourceRequestSchema)
      return respond(triggerResourceSchema, await service.fetchTriggerResource({ automationId: c.req.param('automationId'), payload }))
    })
}
