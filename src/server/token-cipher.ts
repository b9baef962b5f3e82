import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'

const ALGORITHM = 'aes-256-gcm'
const VERSION = 'v1'
// 96-bit IVs are what GCM is specified for (NIST SP 800-38D §8.2); a random one per value.
const IV_BYTES = 12
const TAG_BYTES = 16

/**
 * Seals secrets (store access tokens) for storage. `context` is bound in as additional
 * authenticated data, so a sealed value copied onto another row fails to open instead of
 * quietly lending that row someone else's token.
 */
export type TokenCipher = {
  seal(plaintext: string, context: string): string
  open(sealed: string, context: string): string
}

export class TokenCipherError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'TokenCipherError'
  }
}

export function createTokenCipher(key: Buffer): TokenCipher {
  if (key.length !== 32) throw new TokenCipherError('AES-256-GCM needs a 32-byte key.')
  // A private copy, so a caller zeroing or reusing its buffer cannot change ours.
  const secretKey = Buffer.from(key)

  return {
    seal(plaintext, context) {
      const iv = randomBytes(IV_BYTES)
      const cipher = createCipheriv(ALGORITHM, secretKey, iv, { authTagLength: TAG_BYTES })
      cipher.setAAD(Buffer.from(context, 'utf8'))
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
      const tag = cipher.getAuthTag()
      return [VERSION, iv.toString('base64'), tag.toString('base64'), ciphertext.toString('base64')].join(':')
    },

    open(sealed, context) {
      const parts = sealed.split(':')
      const [version, ivText, tagText, ciphertextText] = parts
      if (parts.length !== 4 || version !== VERSION || ivText === undefined || tagText === undefined || ciphertextText === undefined) {
        throw new TokenCipherError('A stored secret is not in the expected v1 format.')
      }
      const iv = Buffer.from(ivText, 'base64')
      const tag = Buffer.from(tagText, 'base64')
      // Node accepts shorter tags unless told otherwise, which would weaken the check.
      if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
        throw new TokenCipherError('A stored secret has a malformed IV or tag.')
      }
      const decipher = createDecipheriv(ALGORITHM, secretKey, iv, { authTagLength: TAG_BYTES })
      decipher.setAAD(Buffer.from(context, 'utf8'))
      decipher.setAuthTag(tag)
      try {
        return Buffer.concat([decipher.update(Buffer.from(ciphertextText, 'base64')), decipher.final()]).toString('utf8')
      } catch {
        // No detail from OpenSSL: it would not help, and the cause is tampering or a wrong SECRET_KEY.
        throw new TokenCipherError(
          'A stored secret failed its integrity check: the data was altered or SECRET_KEY differs from the one it was saved with.',
        )
      }
    },
  }
}

/** The Client Secret's own context, so a sealed token copied into the secret's column (or back) fails to open. */
export function clientSecretContext(accountId: string): string {
  return `${accountId}:client-secret`
}
