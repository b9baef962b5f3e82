import type { ReadArea } from '../contract/accounts'
import type { Callback, EventScope } from '../contract/events'

/**
 * A connector described as data: the wizard renders its screens from this, so a second
 * connector is a new definition file, not new screens.
 */
export type AuthField = {
  name: 'storeHash' | 'accessToken' | 'clientSecret'
  label: string
  /** Typed as a password, with a button to show it, named by `showLabel`. */
  secret: false | { showLabel: string }
  /** May be left empty. */
  optional: boolean
  help: string
}

export type EventDefinition = {
  scope: EventScope
  label: string
  description: string
  /** What the event is about, for messages such as "Demo Store has no {record} yet". */
  record: string
  /** What to do in the store to make it happen, as Listen for an event says: "{doInStore} in Demo Store now." */
  doInStore: string
  /** The OAuth scope a store API account needs to read the record behind the event (notes §4.4). */
  readScope: { label: string; parameter: string }
  /** The area `readScope` grants reading, as a token's scopes are checked (`Account.readScopes`). */
  readArea: ReadArea
  /** The documented example delivery, with `producer` as `stores/{store_hash}`. */
  sample: Callback
}

export type ConnectorDefinition = {
  id: 'bigcommerce'
  name: string
  description: string
  auth: {
    title: string
    fields: readonly AuthField[]
    help: { steps: readonly string[]; link: { label: string; href: string } }
  }
  triggers: readonly { id: 'bigcommerce'; name: string; description: string }[]
  events: readonly EventDefinition[]
  optionalFields: { customHeaders: { label: string; addLabel: string } }
}
