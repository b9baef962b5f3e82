import { Hono } from 'hono'
import { automationSchema, backendInfoSchema, createAutomationRequestSchema, listAutomationsResponseSchema } from '../contract/automations'
import { apiPaths } from '../contract/routes'
import type { TriggerService } from '../core/trigger-service'
import { parseBody, respond } from './request-body'

/** The Automations list: info, list, create, open, delete. */
export function automationRoutes(service: TriggerService): Hono {
  return new Hono()
    .get(apiPaths.info, async () => respond(backendInfoSchema, await service.getInfo()))
    .get(apiPaths.automations, async () => respond(listAutomationsResponseSchema, { automations: await service.listAutomations() }))
    .post(apiPaths.automations, async (c) => {
      const input = await parseBody(c, createAutomationRequestSchema)
      return respond(automationSchema, await service.createAutomation(input), 201)
    })
    .get(apiPaths.automation, async (c) =>
      respond(automationSchema, await service.getAutomation({ automationId: c.req.param('automationId') })),
    )
    .delete(apiPaths.automation, async (c) => {
      await service.deleteAutomation({ automationId: c.req.param('automationId') })
      return new Response(null, { status: 204 })
    })
}
