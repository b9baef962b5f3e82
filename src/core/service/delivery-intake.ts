import { TRIGGER_SECRET_HEADER } from '../../contract/custom-headers'
import { BackendError } from '../../contract/errors'
import { callbackSchema, type Callback } from '../../contract/events'
import { constantTimeEqual } from '../constant-time-equal'
import { signatureProblem, type SignatureHeaders } from '../delivery-signature'
import { DELETED_TRIGGER_KEPT_MS } from '../reconciler'
import type { DeliveryRecord } from '../record-schemas'
import { producerOf } from '../store-identity'
import { parseInput } from '../validation-error'
import type { ServiceContext } from './context'
import { createRefusalRecorder } from './trigger-health'

export type DeliveryInput = {
  triggerId: string
  secretHeader: string | null
  body: unknown
  /** Present when the delivery carries `webhook-signature`: the body exactly as received, and the signature's headers. */
  signed?: { rawBody: string; headers: SignatureHeaders }
}
/** `discarded`: the trigger was deleted while its hook could not be; see the README. */
export type DeliveryOutcome = { status: 'stored' | 'duplicate' | 'discarded' }

/**
 * What the webhook receiver hands over: checked (the secret header, the signature, the store
 * and the event), then stored, once, before it is answered. Work that follows a delivery is
 * written by the storage in the same transaction (docs/architecture.md), never done here.
 */
export function deliveryIntakeUseCases(context: ServiceContext, wakeRunner: () => void = () => undefined) {
  const { storage, now, newDeliveryId } = context
  const recordRefusal = createRefusalRecorder(context)
  return {
    async receiveDelivery({ triggerId, secretHeader, body, signed }: DeliveryInput): Promise<DeliveryOutcome> {
      const target = await storage.getDeliveryTarget(triggerId)
      if (!target) {
        // A 404 would count against our domain's success ratio and be retried for 48 hours
        // (docs/bigcommerce-api-notes.md §3.4), hurting every other trigger on this domain; see the README.
        const since = new Date(now().getTime() - DELETED_TRIGGER_KEPT_MS).toISOString()
        if (await storage.wasTriggerDeletedSince(triggerId, since)) return { status: 'discarded' }
        throw new BackendError('not_found', 'No trigger listens at this address.')
      }
      let payload: Callback
      let signatureChecked: boolean
      try {
        if (secretHeader === null || !constantTimeEqual(secretHeader, target.secret)) {
          throw new BackendError('unauthorized', `The ${TRIGGER_SECRET_HEADER} header is missing or wrong.`)
        }
        if (target.savedEvent === null) throw new BackendError('not_found', 'This trigger has not been saved, so it takes no deliveries.')

        const { account } = target
        // With the account's Client Secret, a signed delivery must also be signed by BigCommerce,
        // recently: the secret header alone cannot tell a replayed or altered delivery (docs/bigcommerce-api-notes.md §3.5).
        signatureChecked = account?.clientSecret !== undefined && signed !== undefined
        if (account?.clientSecret !== undefined && signed) {
          const problem = signatureProblem(account.clientSecret, signed.rawBody, signed.headers)
          if (problem) throw new BackendError('unauthorized', problem)
        }

        payload = parseInput(callbackSchema, body)
        if (!account || payload.producer !== producerOf(account.storeHash)) {
          throw new BackendError('validation_failed', 'This delivery comes from a store the trigger does not listen to.', {
            field: 'producer',
          })
        }
        if (payload.scope !== target.savedEvent) {
          throw new BackendError('validation_failed', `This trigger listens to ${target.savedEvent}, not ${payload.scope}.`, {
            field: 'scope',
          })
        }
      } catch (error) {
        // A saved trigger's refusals show in its health: BigCommerce retries each, then gives up on the hook.
        if (error instanceof BackendError && target.savedEvent !== null) await recordRefusal(triggerId, error.message)
        throw error
      }

      const delivery: DeliveryRecord = {
        id: newDeliveryId(),
        triggerId,
        hash: payload.hash,
        receivedAt: now().toISOString(),
        payload,
        duplicates: 0,
        // The log says which check it passed; the secret header is checked on every delivery.
        authenticatedBy: signatureChecked ? 'signature' : 'secret',
      }
      // Storage announces it once committed (watchDeliveries), which is what a listener hears.
      const outcome = await storage.insertDelivery(delivery)
      // Its run, if it has one, was written with it: the worker may take it at once.
      if (outcome === 'inserted') wakeRunner()
      return { status: outcome === 'inserted' ? 'stored' : 'duplicate' }
    },
  }
}
