import type { Account, AuthorizeAccountRequest, ReadAccess, ReadArea, ReadScopes } from '../../contract/accounts'
import { accessTokenProblem, clientSecretProblem, normalizeAccessToken, normalizeClientSecret } from '../../contract/access-token'
import { pluralForm } from '../../contract/count-words'
import { BackendError } from '../../contract/errors'
import { normalizeStoreHash, storeHashProblem } from '../../contract/store-hash'
import { constantTimeEqual } from '../constant-time-equal'
import type { AccountRecord, StoreCredentials, StorePlatform } from '../ports'
import { accountName } from '../store-identity'
import { isCode, requireAccount, type ServiceContext } from './context'
import { toAccount, usersOf } from './present'

/** “Orders”, “Orders” and “Products”, …: names as a sentence lists them. */
function quotedList(names: readonly string[]): string {
  return new Intl.ListFormat('en', { type: 'conjunction' }).format(names.map((name) => `“${name}”`))
}

/** A token and Client Secret as typed: normalised, or refused at their field before BigCommerce hears of them. */
function checkedSecrets(input: { accessToken: string; clientSecret?: string | undefined }): { accessToken: string; clientSecret: string } {
  const accessToken = normalizeAccessToken(input.accessToken)
  const tokenProblem = accessTokenProblem(accessToken)
  if (tokenProblem) throw new BackendError('validation_failed', tokenProblem, { field: 'accessToken' })
  const clientSecret = normalizeClientSecret(input.clientSecret ?? '')
  const secretProblem = clientSecretProblem(clientSecret)
  if (secretProblem) throw new BackendError('validation_failed', secretProblem, { field: 'clientSecret' })
  return { accessToken, clientSecret }
}

/** Authorize, rename, a new token, delete: the Accounts page and + Add New Account. */
export function accountUseCases(context: ServiceContext) {
  const { storage, platform, now, randomId, serialized, reconciler } = context

  async function presentAccount(record: AccountRecord): Promise<Account> {
    return toAccount(record, await storage.listAutomations())
  }

  /** A change to one account, after any other change to its store's accounts (see `serialized`). */
  async function changeAccount<T>(accountId: string, work: (account: AccountRecord) => Promise<T>): Promise<T> {
    const { storeHash } = await requireAccount(context, accountId)
    return serialized(`account:${storeHash}`, async () => work(await requireAccount(context, accountId)))
  }

  /**
   * What the token may read, one request per area, all at once. Only a 403 says a scope is
   * missing; any other failure says nothing about it, and is no reason to refuse a token
   * BigCommerce has just accepted.
   */
  async function probeReadScopes(credentials: StoreCredentials, checkedAt: string): Promise<ReadScopes> {
    const check = async (area: ReadArea): Promise<ReadAccess> => {
      try {
        return (await platform.canRead(credentials, area)) ? 'granted' : 'missing'
      } catch (error) {
        if (!(error instanceof BackendError)) throw error
        return 'unknown'
      }
    }
    const [products, orders, customers] = await Promise.all([check('products'), check('orders'), check('customers')])
    return { checkedAt, areas: { products, orders, customers } }
  }

  return {
    async listAccounts(): Promise<Account[]> {
      const automations = await storage.listAutomations()
      return (await storage.listAccounts()).map((record) => toAccount(record, automations))
    },

    async authorizeAccount(request: AuthorizeAccountRequest): Promise<Account> {
      const storeHash = normalizeStoreHash(request.storeHash)
      const hashProblem = storeHashProblem(storeHash)
      if (hashProblem) throw new BackendError('validation_failed', hashProblem, { field: 'storeHash' })
      const { accessToken, clientSecret } = checkedSecrets(request)

      return serialized(`account:${storeHash}`, async () => {
        const { storeName, storeId } = await platform.verifyCredentials({ storeHash, accessToken })
        const verifiedAt = now().toISOString()
        const readScopes = await probeReadScopes({ storeHash, accessToken }, verifiedAt)
        // The token is part of the match: another API account of the same store (the read-only
        // one, say) becomes another account, so adding it never changes what saved triggers use.
        const existing = (await storage.listAccounts()).find(
          (account) => account.storeHash === storeHash && constantTimeEqual(account.accessToken, accessToken),
        )
        // A Client Secret given again replaces the stored one; none given keeps it, so authorizing
        // the same token once more cannot switch signature checks off by accident.
        const record: AccountRecord = existing
          ? {
              ...existing,
              storeName,
              storeId: storeId ?? existing.storeId,
              lastVerifiedAt: verifiedAt,
              readScopes,
              ...(clientSecret ? { clientSecret } : {}),
            }
          : {
              id: randomId(),
              connector: 'bigcommerce',
              storeHash,
              storeName,
              createdAt: verifiedAt,
              accessToken,
              ...(clientSecret ? { clientSecret } : {}),
              storeId,
              displayName: null,
              lastVerifiedAt: verifiedAt,
              readScopes,
            }
        await storage.putAccount(record)
        return presentAccount(record)
      })
    },

    renameAccount({ accountId, name }: { accountId: string; name: string }): Promise<Account> {
      return changeAccount(accountId, async (account) => {
        const record: AccountRecord = { ...account, displayName: name }
        await storage.putAccount(record)
        return presentAccount(record)
      })
    },

    /** Checks the token with BigCommerce (the account's store, no other) before it replaces the old one. */
    async replaceAccountToken(input: { accountId: string; accessToken: string; clientSecret?: string }): Promise<Account> {
      const { accessToken, clientSecret } = checkedSecrets(input)

      return changeAccount(input.accountId, async (account) => {
        const name = accountName(account)
        const kept = 'The current token is kept.'
        // Always against the account's own store: a token of another store is refused there.
        const credentials = { storeHash: account.storeHash, accessToken }
        let verified: Awaited<ReturnType<StorePlatform['verifyCredentials']>>
        try {
          verified = await platform.verifyCredentials(credentials)
        } catch (error) {
          if (!isCode(error, 'invalid_credentials')) throw error
          throw new BackendError(
            'invalid_credentials',
            `BigCommerce did not accept this Access Token for ${name} (store ${account.storeHash}): it may be a token of another store, or its API account may have been deleted. ${kept}`,
            { field: 'accessToken' },
          )
        }
        // BigCommerce answers a token only for its own store, so this is a second line of defence.
        if (verified.storeId !== null && account.storeId !== null && verified.storeId !== account.storeId) {
          throw new BackendError(
            'validation_failed',
            `This Access Token is for another store (store id ${verified.storeId}), not ${name} (store id ${account.storeId}). ${kept}`,
            { field: 'accessToken' },
          )
        }
        const unchanged = constantTimeEqual(account.accessToken, accessToken)
        const twin = (await storage.listAccounts()).find(
          (other) => other.id !== account.id && other.storeHash === account.storeHash && constantTimeEqual(other.accessToken, accessToken),
        )
        if (twin) {
          throw new BackendError('validation_failed', `This Access Token is already authorized here, as ${accountName(twin)}. ${kept}`, {
            field: 'accessToken',
          })
        }
        // The stored Client Secret is the old API account's: with another token it would refuse
        // every signed delivery, so it goes unless a new one comes with the token.
        const { clientSecret: previousSecret, ...rest } = account
        const keptSecret = clientSecret || (unchanged ? previousSecret : undefined)
        const verifiedAt = now().toISOString()
        const updated: AccountRecord = {
          ...rest,
          ...(keptSecret ? { clientSecret: keptSecret } : {}),
          accessToken,
          // Without Information & Settings the name comes back as the hash: the known one stays.
          storeName: verified.storeName === account.storeHash ? account.storeName : verified.storeName,
          storeId: verified.storeId ?? account.storeId,
          lastVerifiedAt: verifiedAt,
          readScopes: await probeReadScopes(credentials, verifiedAt),
        }
        if (unchanged) await storage.putAccount(updated)
        else await reconciler.replaceToken(account, updated)
        return presentAccount(updated)
      })
    },

    /** Refused while an automation uses the account, naming them. */
    deleteAccount({ accountId }: { accountId: string }): Promise<void> {
      return changeAccount(accountId, async (account) => {
        const name = accountName(account)
        const users = usersOf(account.id, await storage.listAutomations())
        if (users.length > 0) {
          const them = pluralForm(users.length, { one: 'it', other: 'them' })
          throw new BackendError(
            'conflict',
            `${name} is used by ${pluralForm(users.length, { one: 'the automation', other: 'the automations' })} ${quotedList(users.map((user) => user.name))}, so it was not deleted. Choose another account in ${them}, or delete ${them}, first.`,
          )
        }
        // A hook made with this token may be left at BigCommerce (by a save that moved away, or a
        // deleted automation); without the account, nothing could ever remove it. A run now usually
        // clears it.
        const leftAt = async () => (await storage.listHookLocations()).filter((location) => location.accountId === account.id)
        for (const location of await leftAt()) await reconciler.reconcileTrigger(location.triggerId, { mode: 'converge', wait: true })
        if ((await leftAt()).length > 0) {
          throw new BackendError(
            'conflict',
            `A webhook made with ${name}'s token may still be at BigCommerce, and it could not be removed just now, so the account was not deleted. Try again in a few minutes.`,
          )
        }
        await storage.deleteAccount(account.id)
      })
    },
  }
}
