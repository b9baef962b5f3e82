import * as z from 'zod/mini'
import {
  accountRecordSchema,
  automationRecordSchema,
  deliveryRecordSchema,
  deliveryTargetSchema,
  triggerVersionRecordSchema,
  type AccountRecord,
  type AutomationRecord,
  type DeliveryRecord,
  type DeliveryTarget,
  type TriggerVersionRecord,
} from '../core/record-schemas'
import { clientSecretContext, type TokenCipher } from './token-cipher'

/**
 * The rows both databases answer, by the tables' own column names (the SQLite file and the
 * PostgreSQL schema have the same tables), read into records one way for both adapters. JSON
 * columns come as the text they were written as; sealed columns are opened with the cipher.
 */
const accountRowSchema = z.object({
  id: z.string(),
  connector: z.string(),
  store_hash: z.string(),
  store_name: z.string(),
  store_id: z.nullable(z.string()),
  created_at: z.string(),
  access_token_sealed: z.string(),
  client_secret_sealed: z.nullable(z.string()),
  display_name: z.nullable(z.string()),
  last_verified_at: z.nullable(z.string()),
  read_scopes_json: z.nullable(z.string()),
})

const automationRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  trigger_json: z.string(),
})

/** What a delivery is checked against: the trigger's secret and saved event, and its account's. */
const deliveryTargetRowSchema = z.object({
  secret: z.string(),
  saved_event: z.nullable(z.string()),
  account_id: z.nullable(z.string()),
  store_hash: z.nullable(z.string()),
  client_secret_sealed: z.nullable(z.string()),
})

const deliveryRowSchema = z.object({
  id: z.string(),
  trigger_id: z.string(),
  hash: z.string(),
  received_at: z.string(),
  payload_json: z.string(),
  duplicates: z.number(),
  authenticated_by: z.string(),
})

const triggerVersionRowSchema = z.object({
  trigger_id: z.string(),
  version: z.number(),
  saved_at: z.string(),
  restored_from: z.nullable(z.number()),
  config_json: z.string(),
  webhook_json: z.string(),
})

export function createRowReaders(cipher: TokenCipher) {
  return {
    accountFromRow(raw: unknown): AccountRecord {
      const row = accountRowSchema.parse(raw)
      return accountRecordSchema.parse({
        id: row.id,
        connector: row.connector,
        storeHash: row.store_hash,
        storeName: row.store_name,
        storeId: row.store_id,
        createdAt: row.created_at,
        accessToken: cipher.open(row.access_token_sealed, row.id),
        ...(row.client_secret_sealed === null ? {} : { clientSecret: cipher.open(row.client_secret_sealed, clientSecretContext(row.id)) }),
        displayName: row.display_name,
        lastVerifiedAt: row.last_verified_at,
        readScopes: row.read_scopes_json === null ? null : JSON.parse(row.read_scopes_json),
      })
    },

    automationFromRow(raw: unknown): AutomationRecord {
      const row = automationRowSchema.parse(raw)
      return automationRecordSchema.parse({
        id: row.id,
        name: row.name,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
        trigger: JSON.parse(row.trigger_json),
      })
    },

    deliveryTargetFromRow(raw: unknown): DeliveryTarget {
      const row = deliveryTargetRowSchema.parse(raw)
      return deliveryTargetSchema.parse({
        secret: row.secret,
        savedEvent: row.saved_event,
        account:
          row.account_id === null || row.store_hash === null
            ? null
            : {
                storeHash: row.store_hash,
                ...(row.client_secret_sealed === null
                  ? {}
                  : { clientSecret: cipher.open(row.client_secret_sealed, clientSecretContext(row.account_id)) }),
              },
      })
    },

    triggerVersionFromRow(raw: unknown): TriggerVersionRecord {
      const row = triggerVersionRowSchema.parse(raw)
      return triggerVersionRecordSchema.parse({
        triggerId: row.trigger_id,
        version: row.version,
        savedAt: row.saved_at,
        restoredFrom: row.restored_from,
        config: JSON.parse(row.config_json),
        webhook: JSON.parse(row.webhook_json),
      })
    },

    deliveryFromRow(raw: unknown): DeliveryRecord {
      const row = deliveryRowSchema.parse(raw)
      return deliveryRecordSchema.parse({
        id: row.id,
        triggerId: row.trigger_id,
        hash: row.hash,
        receivedAt: row.received_at,
        payload: JSON.parse(row.payload_json),
        duplicates: row.duplicates,
        authenticatedBy: row.authenticated_by,
      })
    },
  }
}
